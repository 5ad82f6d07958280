CREATE TABLE `action_item` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`meeting_id` integer NOT NULL,
	`agenda_item_id` integer NOT NULL,
	`topic_id` integer,
	`title` text NOT NULL,
	`resolution` text NOT NULL,
	`owner` text DEFAULT '' NOT NULL,
	`deadline` text,
	`status` text DEFAULT 'pending' NOT NULL,
	`reason` text DEFAULT '' NOT NULL,
	`satisfaction` text,
	`closed_on` text,
	`created_at` text NOT NULL,
	FOREIGN KEY (`meeting_id`) REFERENCES `meeting`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`agenda_item_id`) REFERENCES `agenda_item`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`topic_id`) REFERENCES `topic`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `action_item_agenda_item_id_unique` ON `action_item` (`agenda_item_id`);--> statement-breakpoint
CREATE INDEX `action_item_status` ON `action_item` (`status`);--> statement-breakpoint
CREATE TABLE `action_progress` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`action_item_id` integer NOT NULL,
	`date` text NOT NULL,
	`note` text NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`action_item_id`) REFERENCES `action_item`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `collected_bundle` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`file_name` text NOT NULL,
	`sha256` text NOT NULL,
	`verdict` text NOT NULL,
	`reason` text,
	`detail` text DEFAULT '' NOT NULL,
	`community_uid` text,
	`unit` text DEFAULT '' NOT NULL,
	`signer` text DEFAULT '' NOT NULL,
	`fingerprint` text DEFAULT '' NOT NULL,
	`meetings` integer DEFAULT 0 NOT NULL,
	`exported_at` text,
	`imported_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `collected_community` (
	`uid` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`unit` text NOT NULL,
	`signer` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `collected_file` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`bundle_id` integer NOT NULL,
	`path` text NOT NULL,
	`data` blob NOT NULL,
	FOREIGN KEY (`bundle_id`) REFERENCES `collected_bundle`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `collected_file_bundle` ON `collected_file` (`bundle_id`);--> statement-breakpoint
CREATE TABLE `collected_meeting` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`community_uid` text NOT NULL,
	`meeting_id` integer NOT NULL,
	`bundle_id` integer NOT NULL,
	`title` text NOT NULL,
	`held_on` text NOT NULL,
	`month` text NOT NULL,
	`attendees` integer NOT NULL,
	`minutes_path` text NOT NULL,
	`minutes_text` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `collected_meeting_month` ON `collected_meeting` (`month`,`community_uid`);--> statement-breakpoint
CREATE UNIQUE INDEX `collected_meeting_key` ON `collected_meeting` (`community_uid`,`meeting_id`);--> statement-breakpoint
CREATE TABLE `collected_resolution` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`community_uid` text NOT NULL,
	`item_id` integer NOT NULL,
	`meeting_id` integer NOT NULL,
	`title` text NOT NULL,
	`owner` text NOT NULL,
	`deadline` text,
	`status` text NOT NULL,
	`closed_on` text,
	`satisfaction` text,
	`month` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `collected_resolution_month` ON `collected_resolution` (`month`,`community_uid`);--> statement-breakpoint
CREATE UNIQUE INDEX `collected_resolution_key` ON `collected_resolution` (`community_uid`,`item_id`);--> statement-breakpoint
CREATE TABLE `collected_topic` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`community_uid` text NOT NULL,
	`topic_id` integer NOT NULL,
	`title` text NOT NULL,
	`category` text NOT NULL,
	`level` text NOT NULL,
	`status` text NOT NULL,
	`month` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `collected_topic_month` ON `collected_topic` (`month`,`community_uid`);--> statement-breakpoint
CREATE UNIQUE INDEX `collected_topic_key` ON `collected_topic` (`community_uid`,`topic_id`);--> statement-breakpoint
CREATE TABLE `collected_vote` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`community_uid` text NOT NULL,
	`vote_id` integer NOT NULL,
	`meeting_id` integer NOT NULL,
	`adopted` integer NOT NULL,
	`month` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `collected_vote_month` ON `collected_vote` (`month`,`community_uid`);--> statement-breakpoint
CREATE UNIQUE INDEX `collected_vote_key` ON `collected_vote` (`community_uid`,`vote_id`);--> statement-breakpoint
CREATE TABLE `issued_certificate` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`subject` text NOT NULL,
	`fingerprint` text NOT NULL,
	`certificate` text NOT NULL,
	`issued_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `issued_certificate_fingerprint_unique` ON `issued_certificate` (`fingerprint`);--> statement-breakpoint
CREATE TABLE `supervision_check` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`action_item_id` integer NOT NULL,
	`supervisor_id` integer NOT NULL,
	`date` text NOT NULL,
	`findings` text NOT NULL,
	`rectification` text DEFAULT '' NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`action_item_id`) REFERENCES `action_item`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`supervisor_id`) REFERENCES `supervisor`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `supervisor` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`phone` text DEFAULT '' NOT NULL,
	`active` integer DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE TABLE `typical_case` (
	`topic_id` integer PRIMARY KEY NOT NULL,
	`content` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`topic_id`) REFERENCES `topic`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `community` ADD `kind` text DEFAULT 'community' NOT NULL;