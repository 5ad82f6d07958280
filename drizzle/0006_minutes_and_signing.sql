CREATE TABLE `minutes` (
	`meeting_id` integer PRIMARY KEY NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`content` text NOT NULL,
	`updated_at` text NOT NULL,
	`finalized_at` text,
	`finalized_by` text DEFAULT '' NOT NULL,
	`content_hash` text,
	`audit_head` text,
	FOREIGN KEY (`meeting_id`) REFERENCES `meeting`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `minutes_amendment` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`meeting_id` integer NOT NULL,
	`section` text NOT NULL,
	`text` text NOT NULL,
	`reason` text NOT NULL,
	`author` text NOT NULL,
	`created_at` text NOT NULL,
	`hash` text NOT NULL,
	FOREIGN KEY (`meeting_id`) REFERENCES `minutes`(`meeting_id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `amendment_meeting` ON `minutes_amendment` (`meeting_id`);--> statement-breakpoint
CREATE TABLE `signing_identity` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`certificate` text NOT NULL,
	`chain` text DEFAULT '' NOT NULL,
	`encrypted_key` text NOT NULL,
	`protection` text NOT NULL,
	`source` text NOT NULL,
	`fingerprint` text NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `signing_identity_fingerprint_unique` ON `signing_identity` (`fingerprint`);--> statement-breakpoint
ALTER TABLE `meeting` ADD `started_at` text;--> statement-breakpoint
ALTER TABLE `meeting` ADD `closed_at` text;