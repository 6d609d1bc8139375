SELECT
  'net_revenue_retention' AS "metric",
  "t19"."period_start",
  "t19"."segment",
  CAST("t19"."end_mrr" AS DOUBLE PRECISION) / "t19"."start_mrr" AS "value",
  CAST(NULL AS DOUBLE PRECISION) AS "ci_low",
  CAST(NULL AS DOUBLE PRECISION) AS "ci_high",
  "t19"."n"
FROM (
  SELECT
    "t18"."period_start",
    "t18"."segment",
    SUM("t18"."start_mrr") AS "start_mrr",
    SUM("t18"."end_mrr") AS "end_mrr",
    SUM(LEAST("t18"."end_mrr", "t18"."start_mrr")) AS "kept_mrr",
    COUNT(*) AS "n"
  FROM (
    SELECT
      "t17"."period_start",
      "t17"."customer_id",
      "t17"."start_mrr",
      "t17"."end_mrr",
      COALESCE("t17"."segment_", 'unknown') AS "segment"
    FROM (
      SELECT
        "t16"."period_start",
        "t16"."customer_id",
        "t16"."mrr" AS "start_mrr",
        COALESCE("t14"."mrr", 0.0) AS "end_mrr",
        "t4"."segment_customer_",
        "t4"."segment_"
      FROM (
        SELECT
          *
        FROM (
          SELECT
            "t10"."period_start",
            "t10"."customer_id",
            SUM("t10"."mrr") AS "mrr"
          FROM (
            SELECT
              "t9"."customer_id",
              "t9"."mrr",
              "t9"."first_day",
              "t9"."last_day",
              "t6"."period_start",
              "t6"."start_day",
              "t6"."end_day"
            FROM (
              SELECT
                *
              FROM (
                SELECT
                  "t1"."customer_id",
                  "t1"."mrr",
                  DATE(TIMEZONE('Europe/Amsterdam', "t1"."started_at")) AS "first_day",
                  DATE(TIMEZONE('Europe/Amsterdam', CAST(NULL AS TIMESTAMPTZ))) - INTERVAL '1 DAY' AS "last_day"
                FROM "subscriptions" AS "t1"
              ) AS "t7"
              WHERE
                "t7"."mrr" IS NOT NULL
            ) AS "t9"
            INNER JOIN (
              SELECT
                "t2"."period_start",
                "t2"."first_day" - INTERVAL '1 DAY' AS "start_day",
                "t2"."last_day" AS "end_day"
              FROM (SELECT CAST('2024-01-01' AS DATE) AS "period_start", CAST('2024-01-01' AS DATE) AS "first_day", CAST('2024-01-01' AS DATE) AS "last_day", 1 AS "days") AS "t2"
            ) AS "t6"
              ON "t9"."first_day" <= "t6"."start_day"
              AND (
                (
                  "t9"."last_day" IS NULL
                ) OR (
                  "t9"."last_day" >= "t6"."start_day"
                )
              )
          ) AS "t10"
          GROUP BY
            1,
            2
        ) AS "t12"
        WHERE
          "t12"."mrr" > 0
      ) AS "t16"
      LEFT OUTER JOIN (
        SELECT
          "t11"."period_start",
          "t11"."customer_id",
          SUM("t11"."mrr") AS "mrr"
        FROM (
          SELECT
            "t9"."customer_id",
            "t9"."mrr",
            "t9"."first_day",
            "t9"."last_day",
            "t6"."period_start",
            "t6"."start_day",
            "t6"."end_day"
          FROM (
            SELECT
              *
            FROM (
              SELECT
                "t1"."customer_id",
                "t1"."mrr",
                DATE(TIMEZONE('Europe/Amsterdam', "t1"."started_at")) AS "first_day",
                DATE(TIMEZONE('Europe/Amsterdam', CAST(NULL AS TIMESTAMPTZ))) - INTERVAL '1 DAY' AS "last_day"
              FROM "subscriptions" AS "t1"
            ) AS "t7"
            WHERE
              "t7"."mrr" IS NOT NULL
          ) AS "t9"
          INNER JOIN (
            SELECT
              "t2"."period_start",
              "t2"."first_day" - INTERVAL '1 DAY' AS "start_day",
              "t2"."last_day" AS "end_day"
            FROM (SELECT CAST('2024-01-01' AS DATE) AS "period_start", CAST('2024-01-01' AS DATE) AS "first_day", CAST('2024-01-01' AS DATE) AS "last_day", 1 AS "days") AS "t2"
          ) AS "t6"
            ON "t9"."first_day" <= "t6"."end_day"
            AND (
              (
                "t9"."last_day" IS NULL
              ) OR (
                "t9"."last_day" >= "t6"."end_day"
              )
            )
        ) AS "t11"
        GROUP BY
          1,
          2
      ) AS "t14"
        ON "t16"."period_start" = "t14"."period_start"
        AND "t16"."customer_id" = "t14"."customer_id"
      LEFT OUTER JOIN (
        SELECT
          "t0"."customer_id" AS "segment_customer_",
          "t0"."country" AS "segment_"
        FROM "customers" AS "t0"
      ) AS "t4"
        ON "t16"."customer_id" = "t4"."segment_customer_"
    ) AS "t17"
  ) AS "t18"
  GROUP BY
    1,
    2
) AS "t19"
