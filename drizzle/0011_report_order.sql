ALTER TABLE `collected_meeting` ADD `reported_at` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `collected_resolution` ADD `reported_at` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `collected_topic` ADD `reported_at` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `collected_vote` ADD `reported_at` text DEFAULT '' NOT NULL;