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
          DATE(TIMEZONE('Europe/Amsterdam', "t10"."occurred_at")) AS "day",
          "t10"."occurred_at" AS "at"
        FROM (
          SELECT
            *
          FROM "events" AS "t3"
          WHERE
            "t3"."occurred_at" >= CAST('2023-11-30T23:00:00+00:00' AS TIMESTAMPTZ)
            AND "t3"."occurred_at" < CAST('2024-01-01T23:00:00+00:00' AS TIMESTAMPTZ)
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
)
SELECT
  'lifecycle_resurrected' AS "metric",
  "t40"."period_start",
  "t40"."segment",
  CAST("t40"."resurrected" AS DOUBLE PRECISION) AS "value",
  CAST(NULL AS DOUBLE PRECISION) AS "ci_low",
  CAST(NULL AS DOUBLE PRECISION) AS "ci_high",
  "t40"."resurrected" AS "n"
FROM (
  SELECT
    "t7"."period_start",
    "t37"."segment",
    COALESCE("t39"."new", 0) AS "new",
    COALESCE("t39"."returning", 0) AS "returning",
    COALESCE("t39"."resurrected", 0) AS "resurrected",
    COALESCE("t39"."dormant", 0) AS "dormant"
  FROM (
    SELECT
      "t0"."period_start"
    FROM (SELECT CAST('2024-01-01' AS DATE) AS "period_start", CAST('2024-01-01' AS DATE) AS "first_day", CAST('2024-01-01' AS DATE) AS "last_day", 1 AS "days") AS "t0"
  ) AS "t7"
  CROSS JOIN (
    SELECT DISTINCT
      "t35"."segment"
    FROM (
      SELECT
        "t34"."customer_id",
        "t34"."period_start",
        "t34"."now",
        "t34"."before",
        "t34"."prev_key",
        "t34"."first_day",
        "t34"."first_ever",
        "t34"."segment"
      FROM (
        SELECT
          "t33"."customer_id",
          "t33"."period_start",
          "t33"."now",
          "t33"."before",
          "t33"."prev_key",
          "t33"."first_day",
          "t33"."first_ever",
          "t33"."segment_customer_",
          "t33"."segment_",
          COALESCE("t33"."segment_", 'unknown') AS "segment"
        FROM (
          SELECT
            "t32"."customer_id",
            "t32"."period_start",
            "t32"."now",
            "t32"."before",
            "t4"."prev_key",
            "t4"."first_day",
            "t27"."first_ever",
            "t11"."segment_customer_",
            "t11"."segment_"
          FROM (
            SELECT
              "t30"."customer_id",
              "t30"."period_start",
              MAX("t30"."now") AS "now",
              MAX("t30"."before") AS "before"
            FROM (
              SELECT
                *
              FROM (
                SELECT DISTINCT
                  "t20"."customer_id",
                  DATE_TRUNC('MONTH', "t20"."day") AS "period_start",
                  1 AS "now",
                  0 AS "before"
                FROM "t19" AS "t20"
                WHERE
                  "t20"."first_at" >= CAST('2023-11-30T23:00:00+00:00' AS TIMESTAMPTZ)
                  AND "t20"."first_at" < CAST('2024-01-01T23:00:00+00:00' AS TIMESTAMPTZ)
                  AND "t20"."first_at" >= CAST('2023-12-31T23:00:00+00:00' AS TIMESTAMPTZ)
              ) AS "t23"
              UNION ALL
              SELECT
                *
              FROM (
                SELECT DISTINCT
                  *
                FROM (
                  SELECT
                    "t25"."customer_id",
                    "t4"."period_start",
                    0 AS "now",
                    1 AS "before"
                  FROM (
                    SELECT
                      "t20"."customer_id",
                      DATE_TRUNC('MONTH', "t20"."day") AS "key"
                    FROM "t19" AS "t20"
                    WHERE
                      "t20"."first_at" >= CAST('2023-11-30T23:00:00+00:00' AS TIMESTAMPTZ)
                      AND "t20"."first_at" < CAST('2024-01-01T23:00:00+00:00' AS TIMESTAMPTZ)
                  ) AS "t25"
                  INNER JOIN (SELECT CAST('2024-01-01' AS DATE) AS "period_start", CAST('2023-12-01' AS DATE) AS "prev_key", CAST('2024-01-01' AS DATE) AS "first_day") AS "t4"
                    ON "t25"."key" = "t4"."prev_key"
                ) AS "t28"
              ) AS "t29"
            ) AS "t30"
            GROUP BY
              1,
              2
          ) AS "t32"
          INNER JOIN (SELECT CAST('2024-01-01' AS DATE) AS "period_start", CAST('2023-12-01' AS DATE) AS "prev_key", CAST('2024-01-01' AS DATE) AS "first_day") AS "t4"
            ON "t32"."period_start" = "t4"."period_start"
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
                  "t20"."first_at" < CAST('2024-01-01T23:00:00+00:00' AS TIMESTAMPTZ)
              ) AS "t21"
              UNION ALL
              SELECT
                *
              FROM (
                SELECT
                  "t13"."customer_id",
                  DATE(TIMEZONE('Europe/Amsterdam', "t13"."at")) AS "day"
                FROM (
                  SELECT
                    "t9"."customer_id",
                    MIN("t9"."occurred_at") AS "at"
                  FROM (
                    SELECT
                      *
                    FROM "events" AS "t3"
                    WHERE
                      "t3"."occurred_at" < CAST('2023-11-30T23:00:00+00:00' AS TIMESTAMPTZ)
                  ) AS "t9"
                  GROUP BY
                    1
                ) AS "t13"
              ) AS "t15"
            ) AS "t24"
            GROUP BY
              1
          ) AS "t27"
            ON "t32"."customer_id" = "t27"."customer_id"
          LEFT OUTER JOIN "t6" AS "t11"
            ON "t32"."customer_id" = "t11"."segment_customer_"
        ) AS "t33"
      ) AS "t34"
    ) AS "t35"
  ) AS "t37"
  LEFT OUTER JOIN (
    SELECT
      "t35"."period_start",
      "t35"."segment",
      SUM(
        CAST(CAST((
          "t35"."now" = 1
        ) AND NOT (
          "t35"."first_ever" < "t35"."first_day"
        ) AS INT) AS BIGINT)
      ) AS "new",
      SUM(CAST(CAST((
        "t35"."now" = 1
      ) AND (
        "t35"."before" = 1
      ) AS INT) AS BIGINT)) AS "returning",
      SUM(
        CAST(CAST((
          "t35"."now" = 1
        )
        AND NOT (
          "t35"."before" = 1
        )
        AND (
          "t35"."first_ever" < "t35"."first_day"
        ) AS INT) AS BIGINT)
      ) AS "resurrected",
      SUM(
        CAST(CAST(NOT (
          "t35"."now" = 1
        ) AND (
          "t35"."before" = 1
        ) AS INT) AS BIGINT)
      ) AS "dormant"
    FROM (
      SELECT
        "t34"."customer_id",
        "t34"."period_start",
        "t34"."now",
        "t34"."before",
        "t34"."prev_key",
        "t34"."first_day",
        "t34"."first_ever",
        "t34"."segment"
      FROM (
        SELECT
          "t33"."customer_id",
          "t33"."period_start",
          "t33"."now",
          "t33"."before",
          "t33"."prev_key",
          "t33"."first_day",
          "t33"."first_ever",
          "t33"."segment_customer_",
          "t33"."segment_",
          COALESCE("t33"."segment_", 'unknown') AS "segment"
        FROM (
          SELECT
            "t32"."customer_id",
            "t32"."period_start",
            "t32"."now",
            "t32"."before",
            "t4"."prev_key",
            "t4"."first_day",
            "t27"."first_ever",
            "t11"."segment_customer_",
            "t11"."segment_"
          FROM (
            SELECT
              "t30"."customer_id",
              "t30"."period_start",
              MAX("t30"."now") AS "now",
              MAX("t30"."before") AS "before"
            FROM (
              SELECT
                *
              FROM (
                SELECT DISTINCT
                  "t20"."customer_id",
                  DATE_TRUNC('MONTH', "t20"."day") AS "period_start",
                  1 AS "now",
                  0 AS "before"
                FROM "t19" AS "t20"
                WHERE
                  "t20"."first_at" >= CAST('2023-11-30T23:00:00+00:00' AS TIMESTAMPTZ)
                  AND "t20"."first_at" < CAST('2024-01-01T23:00:00+00:00' AS TIMESTAMPTZ)
                  AND "t20"."first_at" >= CAST('2023-12-31T23:00:00+00:00' AS TIMESTAMPTZ)
              ) AS "t23"
              UNION ALL
              SELECT
                *
              FROM (
                SELECT DISTINCT
                  *
                FROM (
                  SELECT
                    "t25"."customer_id",
                    "t4"."period_start",
                    0 AS "now",
                    1 AS "before"
                  FROM (
                    SELECT
                      "t20"."customer_id",
                      DATE_TRUNC('MONTH', "t20"."day") AS "key"
                    FROM "t19" AS "t20"
                    WHERE
                      "t20"."first_at" >= CAST('2023-11-30T23:00:00+00:00' AS TIMESTAMPTZ)
                      AND "t20"."first_at" < CAST('2024-01-01T23:00:00+00:00' AS TIMESTAMPTZ)
                  ) AS "t25"
                  INNER JOIN (SELECT CAST('2024-01-01' AS DATE) AS "period_start", CAST('2023-12-01' AS DATE) AS "prev_key", CAST('2024-01-01' AS DATE) AS "first_day") AS "t4"
                    ON "t25"."key" = "t4"."prev_key"
                ) AS "t28"
              ) AS "t29"
            ) AS "t30"
            GROUP BY
              1,
              2
          ) AS "t32"
          INNER JOIN (SELECT CAST('2024-01-01' AS DATE) AS "period_start", CAST('2023-12-01' AS DATE) AS "prev_key", CAST('2024-01-01' AS DATE) AS "first_day") AS "t4"
            ON "t32"."period_start" = "t4"."period_start"
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
                  "t20"."first_at" < CAST('2024-01-01T23:00:00+00:00' AS TIMESTAMPTZ)
              ) AS "t21"
              UNION ALL
              SELECT
                *
              FROM (
                SELECT
                  "t13"."customer_id",
                  DATE(TIMEZONE('Europe/Amsterdam', "t13"."at")) AS "day"
                FROM (
                  SELECT
                    "t9"."customer_id",
                    MIN("t9"."occurred_at") AS "at"
                  FROM (
                    SELECT
                      *
                    FROM "events" AS "t3"
                    WHERE
                      "t3"."occurred_at" < CAST('2023-11-30T23:00:00+00:00' AS TIMESTAMPTZ)
                  ) AS "t9"
                  GROUP BY
                    1
                ) AS "t13"
              ) AS "t15"
            ) AS "t24"
            GROUP BY
              1
          ) AS "t27"
            ON "t32"."customer_id" = "t27"."customer_id"
          LEFT OUTER JOIN "t6" AS "t11"
            ON "t32"."customer_id" = "t11"."segment_customer_"
        ) AS "t33"
      ) AS "t34"
    ) AS "t35"
    GROUP BY
      1,
      2
  ) AS "t39"
    ON "t7"."period_start" = "t39"."period_start" AND "t37"."segment" = "t39"."segment"
) AS "t40"
