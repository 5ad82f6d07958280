CREATE TABLE `agenda_item` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`meeting_id` integer NOT NULL,
	`parent_id` integer,
	`position` integer NOT NULL,
	`kind` text NOT NULL,
	`topic_id` integer,
	`title` text NOT NULL,
	`planned_minutes` integer NOT NULL,
	`presenter` text DEFAULT '' NOT NULL,
	`question` text DEFAULT '' NOT NULL,
	`vote_rule` text,
	FOREIGN KEY (`meeting_id`) REFERENCES `meeting`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`topic_id`) REFERENCES `topic`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `agenda_item_meeting` ON `agenda_item` (`meeting_id`);--> statement-breakpoint
CREATE TABLE `meeting_invitee` (
	`meeting_id` integer NOT NULL,
	`resident_id` integer NOT NULL,
	FOREIGN KEY (`meeting_id`) REFERENCES `meeting`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`resident_id`) REFERENCES `resident`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `meeting_invitee_pair` ON `meeting_invitee` (`meeting_id`,`resident_id`);--> statement-breakpoint
ALTER TABLE `meeting` ADD `host` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `meeting` ADD `recorder` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `meeting` ADD `duration_minutes` integer DEFAULT 120 NOT NULL;--> statement-breakpoint
ALTER TABLE `meeting` ADD `expected_attendance` integer;--> statement-breakpoint
ALTER TABLE `meeting` ADD `invited_roles` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `meeting` ADD `invited_parties` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `meeting` ADD `quorum_kind` text DEFAULT 'none' NOT NULL;--> statement-breakpoint
ALTER TABLE `meeting` ADD `quorum_value` real DEFAULT 0 NOT NULL;