-- The year's settlement (store/employees.rs, `in_year`) steps from each employee
-- into `employments` and `wages`, both clustered on the employee id (0009). Read in
-- name order, those steps land on random pages, and with local D1's small page
-- cache most of them miss: 10,000 employees took 25 ms of the 50 ms budget. Read
-- in id order, each step lands on the page the previous one used. This index gives
-- the employer's employees in id order with everything the settlement reads; the
-- Worker sorts them by name.
CREATE INDEX employees_by_employer ON employees (employer_id, id, last_name, prefix, initials, bsn);
