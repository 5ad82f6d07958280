ALTER TABLE `signing_identity` ADD `sm2_key` text;--> statement-breakpoint
ALTER TABLE `signing_identity` ADD `sm2_certificate` text;--> statement-breakpoint
ALTER TABLE `signing_identity` ADD `sm2_chain` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `signing_identity` ADD `seal` blob;