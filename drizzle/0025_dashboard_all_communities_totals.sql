CREATE TABLE `collected_month_total` (
	`month` text PRIMARY KEY NOT NULL,
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
	`dissatisfied` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE `collected_open` (
	`community_uid` text NOT NULL,
	`month` text NOT NULL,
	`deadline` text NOT NULL,
	`items` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`community_uid`, `month`, `deadline`)
);
--> statement-breakpoint
CREATE TABLE `collected_open_total` (
	`month` text NOT NULL,
	`deadline` text NOT NULL,
	`items` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`month`, `deadline`)
);
--> statement-breakpoint
ALTER TABLE `collected_month` ADD `meetings_through` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX `collected_month_through` ON `collected_month` (`community_uid`,`month`,`meetings_through`);--> statement-breakpoint
-- What the office collected before: its totals, open items and running counts, as summarizeMany keeps them.
INSERT INTO `collected_month_total`
SELECT `month`, sum(`meetings`), sum(`attendees`), sum(`topics`), sum(`solved`), sum(`escalated`), sum(`small`),
  sum(`big`), sum(`hard`), sum(`votes`), sum(`adopted`), sum(`resolutions`), sum(`pending`), sum(`in_progress`),
  sum(`done`), sum(`impossible`), sum(`on_time`), sum(`satisfied`), sum(`basically`), sum(`dissatisfied`)
FROM `collected_month` GROUP BY `month`;
--> statement-breakpoint
INSERT INTO `collected_open` (`community_uid`, `month`, `deadline`, `items`)
SELECT `community_uid`, `month`, `deadline`, count(*) FROM `collected_resolution`
WHERE `status` IN ('pending', 'in_progress') AND `deadline` IS NOT NULL GROUP BY `community_uid`, `month`, `deadline`;
--> statement-breakpoint
INSERT INTO `collected_open_total` (`month`, `deadline`, `items`)
SELECT `month`, `deadline`, sum(`items`) FROM `collected_open` GROUP BY `month`, `deadline`;
--> statement-breakpoint
UPDATE `collected_month` SET `meetings_through` = t.`through`
FROM (SELECT `community_uid` AS uid, `month` AS m,
        sum(`meetings`) OVER (PARTITION BY `community_uid` ORDER BY `month`) AS `through` FROM `collected_month`) t
WHERE `community_uid` = t.uid AND `month` = t.m;
