ALTER TABLE `issued_certificate` ADD `serial` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `issued_certificate` ADD `algorithm` text DEFAULT 'rsa' NOT NULL;--> statement-breakpoint
ALTER TABLE `issued_certificate` ADD `community_uid` text;--> statement-breakpoint
ALTER TABLE `issued_certificate` ADD `name` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `issued_certificate` ADD `unit` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `issued_certificate` ADD `valid_from` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `issued_certificate` ADD `valid_to` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `issued_certificate` ADD `status` text DEFAULT 'active' NOT NULL;--> statement-breakpoint
ALTER TABLE `issued_certificate` ADD `successor_id` integer;--> statement-breakpoint
ALTER TABLE `issued_certificate` ADD `revoked_at` text;--> statement-breakpoint
ALTER TABLE `issued_certificate` ADD `revocation_reason` text;--> statement-breakpoint
CREATE INDEX `issued_certificate_community` ON `issued_certificate` (`community_uid`);