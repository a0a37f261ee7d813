-- Baseline tables: one hot counter (the shape of a single general-admission quota) and 100,000 rows (the shape of
-- seats spread across a large map).
DROP TABLE IF EXISTS bench_counter, bench_rows;
CREATE TABLE bench_counter (id int PRIMARY KEY, remaining bigint NOT NULL);
INSERT INTO bench_counter VALUES (1, 1000000000);
CREATE TABLE bench_rows (id int PRIMARY KEY, state int NOT NULL DEFAULT 0);
INSERT INTO bench_rows SELECT g, 0 FROM generate_series(1, 100000) g;
VACUUM ANALYZE bench_counter, bench_rows;
