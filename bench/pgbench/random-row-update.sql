\set id random(1, 100000)
UPDATE bench_rows SET state = state + 1 WHERE id = :id;
