-- Finalized minutes and their amendments are never changed in place (ARCHITECTURE rule 5).
CREATE TRIGGER minutes_final_no_update BEFORE UPDATE ON minutes WHEN OLD.status = 'final'
BEGIN SELECT RAISE(ABORT, 'finalized minutes are immutable'); END;
--> statement-breakpoint
CREATE TRIGGER minutes_final_no_delete BEFORE DELETE ON minutes WHEN OLD.status = 'final'
BEGIN SELECT RAISE(ABORT, 'finalized minutes are immutable'); END;
--> statement-breakpoint
CREATE TRIGGER minutes_amendment_no_update BEFORE UPDATE ON minutes_amendment
BEGIN SELECT RAISE(ABORT, 'amendments are append-only'); END;
--> statement-breakpoint
CREATE TRIGGER minutes_amendment_no_delete BEFORE DELETE ON minutes_amendment
BEGIN SELECT RAISE(ABORT, 'amendments are append-only'); END;
