-- The collected minutes' search index becomes character pairs written by search_pairs() (electron/db/search-pairs.ts,
-- registered on every connection): two-character words (电梯) are found by the index instead of a scan of every
-- meeting, and rows are keyed by the day held so the newest hundred are read first and the rest never.
-- rowid = julian day of held_on × 2³² + the meeting's id; the trigram index it replaces is dropped.
DROP TRIGGER collected_search_insert;
--> statement-breakpoint
DROP TRIGGER collected_search_delete;
--> statement-breakpoint
DROP TRIGGER collected_search_update;
--> statement-breakpoint
DROP TABLE collected_search;
--> statement-breakpoint
CREATE VIRTUAL TABLE collected_pairs USING fts5(title, minutes_text, content='', contentless_delete=1, tokenize='ascii');
--> statement-breakpoint
CREATE TRIGGER collected_pairs_insert AFTER INSERT ON collected_meeting BEGIN
  INSERT INTO collected_pairs(rowid, title, minutes_text)
  VALUES ((coalesce(CAST(julianday(new.held_on) AS INTEGER), 0) << 32) | new.id, search_pairs(new.title), search_pairs(new.minutes_text));
END;
--> statement-breakpoint
CREATE TRIGGER collected_pairs_delete AFTER DELETE ON collected_meeting BEGIN
  DELETE FROM collected_pairs WHERE rowid = (coalesce(CAST(julianday(old.held_on) AS INTEGER), 0) << 32) | old.id;
END;
--> statement-breakpoint
CREATE TRIGGER collected_pairs_update AFTER UPDATE OF title, minutes_text, held_on ON collected_meeting BEGIN
  DELETE FROM collected_pairs WHERE rowid = (coalesce(CAST(julianday(old.held_on) AS INTEGER), 0) << 32) | old.id;
  INSERT INTO collected_pairs(rowid, title, minutes_text)
  VALUES ((coalesce(CAST(julianday(new.held_on) AS INTEGER), 0) << 32) | new.id, search_pairs(new.title), search_pairs(new.minutes_text));
END;
--> statement-breakpoint
INSERT INTO collected_pairs(rowid, title, minutes_text)
SELECT (coalesce(CAST(julianday(held_on) AS INTEGER), 0) << 32) | id, search_pairs(title), search_pairs(minutes_text)
FROM collected_meeting;
