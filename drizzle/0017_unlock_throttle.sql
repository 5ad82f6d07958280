ALTER TABLE `signing_identity` ADD `failed_unlocks` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `signing_identity` ADD `last_failed_unlock` text;