CREATE TABLE `topic` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`title` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`source` text NOT NULL,
	`raised_by` text DEFAULT '' NOT NULL,
	`raised_on` text NOT NULL,
	`category` text NOT NULL,
	`level` text NOT NULL,
	`status` text DEFAULT 'collected' NOT NULL,
	`decision` text,
	`decision_reason` text DEFAULT '' NOT NULL,
	`duplicate_of` integer,
	`building` text DEFAULT '' NOT NULL,
	`lane` text DEFAULT '' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `topic_status` ON `topic` (`status`);--> statement-breakpoint
CREATE TABLE `topic_consultation` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`topic_id` integer NOT NULL,
	`kind` text NOT NULL,
	`date` text NOT NULL,
	`households` integer NOT NULL,
	`summary` text NOT NULL,
	FOREIGN KEY (`topic_id`) REFERENCES `topic`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `topic_photo` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`topic_id` integer NOT NULL,
	`file_name` text NOT NULL,
	`stored_as` text NOT NULL,
	`sha256` text NOT NULL,
	`thumbnail` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`topic_id`) REFERENCES `topic`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `topic_photo_stored_as_unique` ON `topic_photo` (`stored_as`);