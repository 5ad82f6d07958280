CREATE TABLE `collected_category_total` (
	`month` text NOT NULL,
	`category` text NOT NULL,
	`topics` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`month`, `category`)
);
--> statement-breakpoint
CREATE TABLE `collected_month` (
	`community_uid` text NOT NULL,
	`month` text NOT NULL,
	`meetings` integer DEFAULT 0 NOT NULL,
	`attendees` integer DEFAULT 0 NOT NULL,
	`topics` integer DEFAULT 0 NOT NULL,
	`solved` integer DEFAULT 0 NOT NULL,
	`escalated` integer DEFAULT 0 NOT NULL,
	`small` integer DEFAULT 0 NOT NULL,
	`big` integer DEFAULT 0 NOT NULL,
	`hard` integer DEFAULT 0 NOT NULL,
	`votes` integer DEFAULT 0 NOT NULL,
	`adopted` integer DEFAULT 0 NOT NULL,
	`resolutions` integer DEFAULT 0 NOT NULL,
	`pending` integer DEFAULT 0 NOT NULL,
	`in_progress` integer DEFAULT 0 NOT NULL,
	`done` integer DEFAULT 0 NOT NULL,
	`impossible` integer DEFAULT 0 NOT NULL,
	`on_time` integer DEFAULT 0 NOT NULL,
	`satisfied` integer DEFAULT 0 NOT NULL,
	`basically` integer DEFAULT 0 NOT NULL,
	`dissatisfied` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`month`, `community_uid`)
);
--> statement-breakpoint
CREATE TABLE `collected_month_category` (
	`community_uid` text NOT NULL,
	`month` text NOT NULL,
	`category` text NOT NULL,
	`topics` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`community_uid`, `month`, `category`)
);
--> statement-breakpoint
CREATE INDEX `collected_month_category_month` ON `collected_month_category` (`month`);--> statement-breakpoint
DROP INDEX `collected_meeting_month`;--> statement-breakpoint
DROP INDEX `collected_resolution_month`;--> statement-breakpoint
CREATE INDEX `collected_resolution_open` ON `collected_resolution` (`status`,`deadline`,`month`,`community_uid`);--> statement-breakpoint
DROP INDEX `collected_topic_month`;--> statement-breakpoint
DROP INDEX `collected_vote_month`;