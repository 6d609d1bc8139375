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
  'lifecycle_dormant' AS "metric",
  "t39"."period_start",
  "t39"."segment",
  CAST("t39"."dormant" AS DOUBLE PRECISION) AS "value",
  CAST(NULL AS DOUBLE PRECISION) AS "ci_low",
  CAST(NULL AS DOUBLE PRECISION) AS "ci_high",
  "t39"."dormant" AS "n"
FROM (
  SELECT
    "t7"."period_start",
    "t36"."segment",
    COALESCE("t38"."new", 0) AS "new",
    COALESCE("t38"."returning", 0) AS "returning",
    COALESCE("t38"."resurrected", 0) AS "resurrected",
    COALESCE("t38"."dormant", 0) AS "dormant"
  FROM (
    SELECT
      "t0"."period_start"
    FROM (SELECT CAST('2024-01-01' AS DATE) AS "period_start", CAST('2024-01-01' AS DATE) AS "first_day", CAST('2024-01-01' AS DATE) AS "last_day", 1 AS "days") AS "t0"
  ) AS "t7"
  CROSS JOIN (
    SELECT DISTINCT
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
        "t33"."segment"
      FROM (
        SELECT
          "t32"."customer_id",
          "t32"."period_start",
          "t32"."now",
          "t32"."before",
          "t32"."prev_key",
          "t32"."first_day",
          "t32"."first_ever",
          "t32"."segment_customer_",
          "t32"."segment_",
          COALESCE("t32"."segment_", 'unknown') AS "segment"
        FROM (
          SELECT
            "t31"."customer_id",
            "t31"."period_start",
            "t31"."now",
            "t31"."before",
            "t4"."prev_key",
            "t4"."first_day",
            "t27"."first_ever",
            "t11"."segment_customer_",
            "t11"."segment_"
          FROM (
            SELECT
              "t29"."customer_id",
              "t29"."period_start",
              MAX("t29"."now") AS "now",
              MAX("t29"."before") AS "before"
            FROM (
              SELECT
                *
              FROM (
                SELECT
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
            GROUP BY
              1,
              2
          ) AS "t31"
          INNER JOIN (SELECT CAST('2024-01-01' AS DATE) AS "period_start", CAST('2023-12-01' AS DATE) AS "prev_key", CAST('2024-01-01' AS DATE) AS "first_day") AS "t4"
            ON "t31"."period_start" = "t4"."period_start"
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
            ON "t31"."customer_id" = "t27"."customer_id"
          LEFT OUTER JOIN "t6" AS "t11"
            ON "t31"."customer_id" = "t11"."segment_customer_"
        ) AS "t32"
      ) AS "t33"
    ) AS "t34"
  ) AS "t36"
  LEFT OUTER JOIN (
    SELECT
      "t34"."period_start",
      "t34"."segment",
      SUM(
        CAST(CAST((
          "t34"."now" = 1
        ) AND NOT (
          "t34"."first_ever" < "t34"."first_day"
        ) AS INT) AS BIGINT)
      ) AS "new",
      SUM(CAST(CAST((
        "t34"."now" = 1
      ) AND (
        "t34"."before" = 1
      ) AS INT) AS BIGINT)) AS "returning",
      SUM(
        CAST(CAST((
          "t34"."now" = 1
        )
        AND NOT (
          "t34"."before" = 1
        )
        AND (
          "t34"."first_ever" < "t34"."first_day"
        ) AS INT) AS BIGINT)
      ) AS "resurrected",
      SUM(
        CAST(CAST(NOT (
          "t34"."now" = 1
        ) AND (
          "t34"."before" = 1
        ) AS INT) AS BIGINT)
      ) AS "dormant"
    FROM (
      SELECT
        "t33"."customer_id",
        "t33"."period_start",
        "t33"."now",
        "t33"."before",
        "t33"."prev_key",
        "t33"."first_day",
        "t33"."first_ever",
        "t33"."segment"
      FROM (
        SELECT
          "t32"."customer_id",
          "t32"."period_start",
          "t32"."now",
          "t32"."before",
          "t32"."prev_key",
          "t32"."first_day",
          "t32"."first_ever",
          "t32"."segment_customer_",
          "t32"."segment_",
          COALESCE("t32"."segment_", 'unknown') AS "segment"
        FROM (
          SELECT
            "t31"."customer_id",
            "t31"."period_start",
            "t31"."now",
            "t31"."before",
            "t4"."prev_key",
            "t4"."first_day",
            "t27"."first_ever",
            "t11"."segment_customer_",
            "t11"."segment_"
          FROM (
            SELECT
              "t29"."customer_id",
              "t29"."period_start",
              MAX("t29"."now") AS "now",
              MAX("t29"."before") AS "before"
            FROM (
              SELECT
                *
              FROM (
                SELECT
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
            GROUP BY
              1,
              2
          ) AS "t31"
          INNER JOIN (SELECT CAST('2024-01-01' AS DATE) AS "period_start", CAST('2023-12-01' AS DATE) AS "prev_key", CAST('2024-01-01' AS DATE) AS "first_day") AS "t4"
            ON "t31"."period_start" = "t4"."period_start"
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
            ON "t31"."customer_id" = "t27"."customer_id"
          LEFT OUTER JOIN "t6" AS "t11"
            ON "t31"."customer_id" = "t11"."segment_customer_"
        ) AS "t32"
      ) AS "t33"
    ) AS "t34"
    GROUP BY
      1,
      2
  ) AS "t38"
    ON "t7"."period_start" = "t38"."period_start" AND "t36"."segment" = "t38"."segment"
) AS "t39"
