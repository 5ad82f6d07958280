-- Full-text search over the collected minutes (trigram: works for Chinese without a word list; queries of
-- one or two characters fall back to LIKE). The index reads its text from collected_meeting.
CREATE VIRTUAL TABLE collected_search USING fts5(title, minutes_text, content='collected_meeting', content_rowid='id', tokenize='trigram');
--> statement-breakpoint
CREATE TRIGGER collected_search_insert AFTER INSERT ON collected_meeting BEGIN
  INSERT INTO collected_search(rowid, title, minutes_text) VALUES (new.id, new.title, new.minutes_text);
END;
--> statement-breakpoint
CREATE TRIGGER collected_search_delete AFTER DELETE ON collected_meeting BEGIN
  INSERT INTO collected_search(collected_search, rowid, title, minutes_text) VALUES ('delete', old.id, old.title, old.minutes_text);
END;
--> statement-breakpoint
CREATE TRIGGER collected_search_update AFTER UPDATE ON collected_meeting BEGIN
  INSERT INTO collected_search(collected_search, rowid, title, minutes_text) VALUES ('delete', old.id, old.title, old.minutes_text);
  INSERT INTO collected_search(rowid, title, minutes_text) VALUES (new.id, new.title, new.minutes_text);
END;
