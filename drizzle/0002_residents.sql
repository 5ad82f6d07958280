CREATE TABLE `household` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`building` text NOT NULL,
	`unit` text NOT NULL,
	`room` text NOT NULL,
	`area` real
);
--> statement-breakpoint
CREATE UNIQUE INDEX `household_address` ON `household` (`building`,`unit`,`room`);--> statement-breakpoint
CREATE TABLE `resident` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`gender` text,
	`household_id` integer NOT NULL,
	`phone` text DEFAULT '' NOT NULL,
	`id_number_masked` text,
	`tags` text DEFAULT '[]' NOT NULL,
	`search_text` text NOT NULL,
	`initials` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`household_id`) REFERENCES `household`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `resident_household` ON `resident` (`household_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `resident_identity` ON `resident` (`name`,`household_id`);