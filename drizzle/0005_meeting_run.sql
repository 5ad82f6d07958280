CREATE TABLE `attendance` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`meeting_id` integer NOT NULL,
	`resident_id` integer,
	`guest_name` text,
	`guest_organisation` text DEFAULT '' NOT NULL,
	`guest_role` text DEFAULT '' NOT NULL,
	`checked_in_at` text NOT NULL,
	`left_at` text,
	FOREIGN KEY (`meeting_id`) REFERENCES `meeting`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`resident_id`) REFERENCES `resident`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `attendance_meeting` ON `attendance` (`meeting_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `attendance_resident` ON `attendance` (`meeting_id`,`resident_id`);--> statement-breakpoint
CREATE TABLE `meeting_run` (
	`meeting_id` integer PRIMARY KEY NOT NULL,
	`current_item_id` integer,
	`item_started_at` text,
	`speaker_seconds` integer DEFAULT 180 NOT NULL,
	`projector_mode` text DEFAULT 'live' NOT NULL,
	`projector_message` text DEFAULT '' NOT NULL,
	FOREIGN KEY (`meeting_id`) REFERENCES `meeting`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `proxy` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`meeting_id` integer NOT NULL,
	`holder_attendance_id` integer NOT NULL,
	`absent_resident_id` integer NOT NULL,
	FOREIGN KEY (`meeting_id`) REFERENCES `meeting`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`holder_attendance_id`) REFERENCES `attendance`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`absent_resident_id`) REFERENCES `resident`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `proxy_absent` ON `proxy` (`meeting_id`,`absent_resident_id`);--> statement-breakpoint
CREATE TABLE `speaker` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`agenda_item_id` integer NOT NULL,
	`attendance_id` integer NOT NULL,
	`position` integer NOT NULL,
	`status` text DEFAULT 'queued' NOT NULL,
	`started_at` text,
	`note` text DEFAULT '' NOT NULL,
	FOREIGN KEY (`agenda_item_id`) REFERENCES `agenda_item`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`attendance_id`) REFERENCES `attendance`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `speaker_item` ON `speaker` (`agenda_item_id`);--> statement-breakpoint
CREATE TABLE `vote` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`meeting_id` integer NOT NULL,
	`agenda_item_id` integer NOT NULL,
	`method` text NOT NULL,
	`rule` text NOT NULL,
	`question` text NOT NULL,
	`wording` text DEFAULT '' NOT NULL,
	`input` text NOT NULL,
	`outcome` text NOT NULL,
	`recorded_at` text NOT NULL,
	`corrects_id` integer,
	`correction_reason` text DEFAULT '' NOT NULL,
	`superseded_at` text,
	FOREIGN KEY (`meeting_id`) REFERENCES `meeting`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`agenda_item_id`) REFERENCES `agenda_item`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `vote_item` ON `vote` (`agenda_item_id`);--> statement-breakpoint
ALTER TABLE `agenda_item` ADD `notes` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `agenda_item` ADD `spent_seconds` integer DEFAULT 0 NOT NULL;