CREATE TABLE `revocation_list` (
	`issuer_fingerprint` text PRIMARY KEY NOT NULL,
	`number` integer NOT NULL,
	`this_update` text NOT NULL,
	`next_update` text,
	`imported_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `revoked_certificate` (
	`issuer_fingerprint` text NOT NULL,
	`serial` text NOT NULL,
	`revoked_at` text NOT NULL,
	`reason` text NOT NULL,
	PRIMARY KEY(`issuer_fingerprint`, `serial`)
);
