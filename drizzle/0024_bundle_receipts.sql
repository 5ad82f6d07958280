CREATE TABLE `bundle_receipt` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`office_fingerprint` text NOT NULL,
	`office_bundle_id` integer NOT NULL,
	`bundle_hash` text NOT NULL,
	`verdict` text NOT NULL,
	`reason` text,
	`reason_text` text,
	`detail` text DEFAULT '' NOT NULL,
	`answered_at` text NOT NULL,
	`counted` text NOT NULL,
	`received_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `bundle_receipt_key` ON `bundle_receipt` (`office_fingerprint`,`office_bundle_id`);--> statement-breakpoint
CREATE TABLE `sent_bundle` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`file_name` text NOT NULL,
	`content_hash` text NOT NULL,
	`file_hash` text NOT NULL,
	`exported_at` text NOT NULL,
	`meeting_ids` text NOT NULL
);
