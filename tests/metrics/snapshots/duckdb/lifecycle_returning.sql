WITH "t6" AS (
  SELECT
    "t2"."customer_id" AS "segment_customer_",
    "t2"."country" AS "segment_"
  FROM "customers" AS "t2"
), "t19" AS (
  SELECT
    "t18"."customer_id",
    "t18"."day",
    "t18"."first_at",
    "t12"."segment_customer_",
    "t12"."segment_"
  FROM (
    SELECT
      "t16"."customer_id",
      "t16"."day",
      MIN("t16"."at") AS "first_at"
    FROM (
      SELECT
        *
      FROM (
        SELECT
          "t10"."customer_id",
          CAST(TIMEZONE('Europe/Amsterdam', "t10"."occurred_at") AS DATE) AS "day",
          "t10"."occurred_at" AS "at"
        FROM (
          SELECT
            *
          FROM "events" AS "t3"
          WHERE
            "t3"."occurred_at" >= MAKE_TIMESTAMPTZ(2023, 11, 30, 23, 0, 0.0, 'UTC')
            AND "t3"."occurred_at" < MAKE_TIMESTAMPTZ(2024, 1, 1, 23, 0, 0.0, 'UTC')
        ) AS "t10"
      ) AS "t14"
      WHERE
        "t14"."customer_id" IS NOT NULL
    ) AS "t16"
    GROUP BY
      1,
      2
  ) AS "t18"
  LEFT OUTER JOIN "t6" AS "t12"
    ON "t18"."customer_id" = "t12"."segment_customer_"
), "t26" AS (
  SELECT
    "t23"."customer_id",
    "t23"."segment",
    "t23"."unit_start",
    COUNT(*) AS "active_days"
  FROM (
    SELECT
      "t20"."customer_id",
      "t20"."day",
      "t20"."first_at",
      COALESCE("t20"."segment_", 'unknown') AS "segment",
      DATE_TRUNC('MONTH', "t20"."day") AS "unit_start"
    FROM "t19" AS "t20"
    WHERE
      "t20"."first_at" >= MAKE_TIMESTAMPTZ(2023, 12, 31, 23, 0, 0.0, 'UTC')
      AND "t20"."first_at" < MAKE_TIMESTAMPTZ(2024, 1, 1, 23, 0, 0.0, 'UTC')
  ) AS "t23"
  GROUP BY
    1,
    2,
    3
)
SELECT
  'lifecycle_returning' AS "metric",
  "t47"."period_start",
  "t47"."segment",
  CAST("t47"."returning" AS DOUBLE) AS "value",
  CAST(NULL AS DOUBLE) AS "ci_low",
  CAST(NULL AS DOUBLE) AS "ci_high",
  "t47"."returning" AS "n"
FROM (
  SELECT
    "t7"."period_start",
    "t44"."segment",
    COALESCE("t46"."new", 0) AS "new",
    COALESCE("t46"."returning", 0) AS "returning",
    COALESCE("t46"."resurrected", 0) AS "resurrected",
    COALESCE("t46"."dormant", 0) AS "dormant"
  FROM (
    SELECT
      "t0"."period_start"
    FROM (SELECT CAST('2024-01-01' AS DATE) AS "period_start", CAST('2024-01-01' AS DATE) AS "first_day", CAST('2024-01-01' AS DATE) AS "last_day", 1 AS "days") AS "t0"
  ) AS "t7"
  CROSS JOIN (
    SELECT DISTINCT
      "t42"."segment"
    FROM (
      SELECT
        "t41".*
        EXCLUDE ("segment_", "segment_customer_")
      FROM (
        SELECT
          "t40"."customer_id",
          "t40"."period_start",
          "t40"."now",
          "t40"."before",
          "t40"."prev_key",
          "t40"."first_day",
          "t40"."first_ever",
          "t40"."segment_customer_",
          "t40"."segment_",
          COALESCE("t40"."segment_", 'unknown') AS "segment"
        FROM (
          SELECT
            "t39"."customer_id",
            "t39"."period_start",
            "t39"."now",
            "t39"."before",
            "t4"."prev_key",
            "t4"."first_day",
            "t29"."first_ever",
            "t11"."segment_customer_",
            "t11"."segment_"
          FROM (
            SELECT
              "t37"."customer_id",
              "t37"."period_start",
              MAX("t37"."now") AS "now",
              MAX("t37"."before") AS "before"
            FROM (
              SELECT
                *
              FROM (
                SELECT
                  "t27"."customer_id",
                  "t27"."unit_start" AS "period_start",
                  1 AS "now",
                  0 AS "before"
                FROM "t26" AS "t27"
              ) AS "t31"
              UNION ALL
              SELECT
                *
              FROM (
                SELECT
                  "t35"."customer_id",
                  "t35"."period_start",
                  0 AS "now",
                  1 AS "before"
                FROM (
                  SELECT
                    *
                  FROM (
                    SELECT
                      "t33"."customer_id",
                      "t4"."period_start"
                    FROM (
                      SELECT
                        "t27"."customer_id",
                        "t27"."unit_start" AS "period_start"
                      FROM "t26" AS "t27"
                    ) AS "t33"
                    INNER JOIN (SELECT CAST('2024-01-01' AS DATE) AS "period_start", CAST('2023-12-01' AS DATE) AS "prev_key", CAST('2024-01-01' AS DATE) AS "first_day") AS "t4"
                      ON "t33"."period_start" = "t4"."prev_key"
                  ) AS "t34"
                  UNION ALL
                  SELECT
                    *
                  FROM (
                    SELECT
                      "t25"."customer_id",
                      "t4"."period_start"
                    FROM (
                      SELECT
                        "t20"."customer_id",
                        DATE_TRUNC('MONTH', "t20"."day") AS "key"
                      FROM "t19" AS "t20"
                      WHERE
                        "t20"."first_at" >= MAKE_TIMESTAMPTZ(2023, 11, 30, 23, 0, 0.0, 'UTC')
                        AND "t20"."first_at" < MAKE_TIMESTAMPTZ(2023, 12, 31, 23, 0, 0.0, 'UTC')
                    ) AS "t25"
                    INNER JOIN (SELECT CAST('2024-01-01' AS DATE) AS "period_start", CAST('2023-12-01' AS DATE) AS "prev_key", CAST('2024-01-01' AS DATE) AS "first_day") AS "t4"
                      ON "t25"."key" = "t4"."prev_key"
                  ) AS "t30"
                ) AS "t35"
              ) AS "t36"
            ) AS "t37"
            GROUP BY
              1,
              2
          ) AS "t39"
          INNER JOIN (SELECT CAST('2024-01-01' AS DATE) AS "period_start", CAST('2023-12-01' AS DATE) AS "prev_key", CAST('2024-01-01' AS DATE) AS "first_day") AS "t4"
            ON "t39"."period_start" = "t4"."period_start"
          INNER JOIN (
            SELECT
              "t24"."customer_id",
              MIN("t24"."day") AS "first_ever"
            FROM (
              SELECT
                *
              FROM (
                SELECT
                  "t20"."customer_id",
                  "t20"."day"
                FROM "t19" AS "t20"
                WHERE
                  "t20"."first_at" < MAKE_TIMESTAMPTZ(2024, 1, 1, 23, 0, 0.0, 'UTC')
              ) AS "t21"
              UNION ALL
              SELECT
                *
              FROM (
                SELECT
                  "t13"."customer_id",
                  CAST(TIMEZONE('Europe/Amsterdam', "t13"."at") AS DATE) AS "day"
                FROM (
                  SELECT
                    "t9"."customer_id",
                    MIN("t9"."occurred_at") AS "at"
                  FROM (
                    SELECT
                      *
                    FROM "events" AS "t3"
                    WHERE
                      "t3"."occurred_at" < MAKE_TIMESTAMPTZ(2023, 11, 30, 23, 0, 0.0, 'UTC')
                  ) AS "t9"
                  GROUP BY
                    1
                ) AS "t13"
              ) AS "t15"
            ) AS "t24"
            GROUP BY
              1
          ) AS "t29"
            ON "t39"."customer_id" = "t29"."customer_id"
          LEFT OUTER JOIN "t6" AS "t11"
            ON "t39"."customer_id" = "t11"."segment_customer_"
        ) AS "t40"
      ) AS "t41"
    ) AS "t42"
  ) AS "t44"
  LEFT OUTER JOIN (
    SELECT
      "t42"."period_start",
      "t42"."segment",
      SUM(
        CAST((
          "t42"."now" = 1
        ) AND NOT (
          "t42"."first_ever" < "t42"."first_day"
        ) AS INT)
      ) AS "new",
      SUM(CAST((
        "t42"."now" = 1
      ) AND (
        "t42"."before" = 1
      ) AS INT)) AS "returning",
      SUM(
        CAST((
          "t42"."now" = 1
        )
        AND NOT (
          "t42"."before" = 1
        )
        AND (
          "t42"."first_ever" < "t42"."first_day"
        ) AS INT)
      ) AS "resurrected",
      SUM(CAST(NOT (
        "t42"."now" = 1
      ) AND (
        "t42"."before" = 1
      ) AS INT)) AS "dormant"
    FROM (
      SELECT
        "t41".*
        EXCLUDE ("segment_", "segment_customer_")
      FROM (
        SELECT
          "t40"."customer_id",
          "t40"."period_start",
          "t40"."now",
          "t40"."before",
          "t40"."prev_key",
          "t40"."first_day",
          "t40"."first_ever",
          "t40"."segment_customer_",
          "t40"."segment_",
          COALESCE("t40"."segment_", 'unknown') AS "segment"
        FROM (
          SELECT
            "t39"."customer_id",
            "t39"."period_start",
            "t39"."now",
            "t39"."before",
            "t4"."prev_key",
            "t4"."first_day",
            "t29"."first_ever",
            "t11"."segment_customer_",
            "t11"."segment_"
          FROM (
            SELECT
              "t37"."customer_id",
              "t37"."period_start",
              MAX("t37"."now") AS "now",
              MAX("t37"."before") AS "before"
            FROM (
              SELECT
                *
              FROM (
                SELECT
                  "t27"."customer_id",
                  "t27"."unit_start" AS "period_start",
                  1 AS "now",
                  0 AS "before"
                FROM "t26" AS "t27"
              ) AS "t31"
              UNION ALL
              SELECT
                *
              FROM (
                SELECT
                  "t35"."customer_id",
                  "t35"."period_start",
                  0 AS "now",
                  1 AS "before"
                FROM (
                  SELECT
                    *
                  FROM (
                    SELECT
                      "t33"."customer_id",
                      "t4"."period_start"
                    FROM (
                      SELECT
                        "t27"."customer_id",
                        "t27"."unit_start" AS "period_start"
                      FROM "t26" AS "t27"
                    ) AS "t33"
                    INNER JOIN (SELECT CAST('2024-01-01' AS DATE) AS "period_start", CAST('2023-12-01' AS DATE) AS "prev_key", CAST('2024-01-01' AS DATE) AS "first_day") AS "t4"
                      ON "t33"."period_start" = "t4"."prev_key"
                  ) AS "t34"
                  UNION ALL
                  SELECT
                    *
                  FROM (
                    SELECT
                      "t25"."customer_id",
                      "t4"."period_start"
                    FROM (
                      SELECT
                        "t20"."customer_id",
                        DATE_TRUNC('MONTH', "t20"."day") AS "key"
                      FROM "t19" AS "t20"
                      WHERE
                        "t20"."first_at" >= MAKE_TIMESTAMPTZ(2023, 11, 30, 23, 0, 0.0, 'UTC')
                        AND "t20"."first_at" < MAKE_TIMESTAMPTZ(2023, 12, 31, 23, 0, 0.0, 'UTC')
                    ) AS "t25"
                    INNER JOIN (SELECT CAST('2024-01-01' AS DATE) AS "period_start", CAST('2023-12-01' AS DATE) AS "prev_key", CAST('2024-01-01' AS DATE) AS "first_day") AS "t4"
                      ON "t25"."key" = "t4"."prev_key"
                  ) AS "t30"
                ) AS "t35"
              ) AS "t36"
            ) AS "t37"
            GROUP BY
              1,
              2
          ) AS "t39"
          INNER JOIN (SELECT CAST('2024-01-01' AS DATE) AS "period_start", CAST('2023-12-01' AS DATE) AS "prev_key", CAST('2024-01-01' AS DATE) AS "first_day") AS "t4"
            ON "t39"."period_start" = "t4"."period_start"
          INNER JOIN (
            SELECT
              "t24"."customer_id",
              MIN("t24"."day") AS "first_ever"
            FROM (
              SELECT
                *
              FROM (
                SELECT
                  "t20"."customer_id",
                  "t20"."day"
                FROM "t19" AS "t20"
                WHERE
                  "t20"."first_at" < MAKE_TIMESTAMPTZ(2024, 1, 1, 23, 0, 0.0, 'UTC')
              ) AS "t21"
              UNION ALL
              SELECT
                *
              FROM (
                SELECT
                  "t13"."customer_id",
                  CAST(TIMEZONE('Europe/Amsterdam', "t13"."at") AS DATE) AS "day"
                FROM (
                  SELECT
                    "t9"."customer_id",
                    MIN("t9"."occurred_at") AS "at"
                  FROM (
                    SELECT
                      *
                    FROM "events" AS "t3"
                    WHERE
                      "t3"."occurred_at" < MAKE_TIMESTAMPTZ(2023, 11, 30, 23, 0, 0.0, 'UTC')
                  ) AS "t9"
                  GROUP BY
                    1
                ) AS "t13"
              ) AS "t15"
            ) AS "t24"
            GROUP BY
              1
          ) AS "t29"
            ON "t39"."customer_id" = "t29"."customer_id"
          LEFT OUTER JOIN "t6" AS "t11"
            ON "t39"."customer_id" = "t11"."segment_customer_"
        ) AS "t40"
      ) AS "t41"
    ) AS "t42"
    GROUP BY
      1,
      2
  ) AS "t46"
    ON "t7"."period_start" = "t46"."period_start" AND "t44"."segment" = "t46"."segment"
) AS "t47"
