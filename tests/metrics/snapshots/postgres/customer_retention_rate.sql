WITH "t14" AS (
  SELECT
    "t13"."customer_id",
    "t13"."day",
    "t13"."revenue",
    "t13"."orders",
    LAG("t13"."day") OVER (
      PARTITION BY "t13"."customer_id"
      ORDER BY "t13"."day" ASC
      ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
    ) AS "previous_day",
    LEAD("t13"."day") OVER (
      PARTITION BY "t13"."customer_id"
      ORDER BY "t13"."day" ASC
      ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
    ) AS "next_day",
    MIN("t13"."day") OVER (
      PARTITION BY "t13"."customer_id"
      ORDER BY "t13"."day" ASC
      ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
    ) AS "first_day"
  FROM (
    SELECT
      "t12"."customer_id",
      "t12"."day",
      "t12"."amount" AS "revenue",
      "t12"."orders"
    FROM (
      SELECT
        "t10"."customer_id",
        "t10"."day",
        SUM("t10"."amount") AS "amount",
        COUNT(*) AS "orders"
      FROM (
        SELECT
          "t7"."order_id",
          "t7"."customer_id",
          "t7"."ordered_at",
          "t7"."amount",
          "t7"."status",
          DATE(TIMEZONE('Europe/Amsterdam', "t7"."ordered_at")) AS "day"
        FROM (
          SELECT
            *
          FROM "orders" AS "t3"
          WHERE
            "t3"."status" = 'completed'
        ) AS "t7"
      ) AS "t10"
      GROUP BY
        1,
        2
    ) AS "t12"
    WHERE
      "t12"."day" <= MAKE_DATE(2024, 1, 1)
  ) AS "t13"
), "t22" AS (
  SELECT
    "t19"."customer_id",
    "t19"."first_day",
    "t19"."last_day",
    MAX("t19"."last_day") OVER (
      PARTITION BY "t19"."customer_id"
      ORDER BY "t19"."first_day" ASC, "t19"."last_day" ASC
      ROWS BETWEEN UNBOUNDED PRECEDING AND 1 preceding
    ) AS "previous_reach",
    MAX("t19"."last_day") OVER (
      PARTITION BY "t19"."customer_id"
      ORDER BY "t19"."first_day" ASC, "t19"."last_day" ASC
      ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
    ) AS "reach",
    LEAD("t19"."first_day") OVER (
      PARTITION BY "t19"."customer_id"
      ORDER BY "t19"."first_day" ASC, "t19"."last_day" ASC
      ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
    ) AS "next_first"
  FROM (
    SELECT
      *
    FROM (
      SELECT
        "t15"."customer_id",
        "t15"."day" AS "first_day",
        LEAST("t15"."day" + INTERVAL '364 DAY', MAKE_DATE(2024, 1, 1)) AS "last_day"
      FROM "t14" AS "t15"
      WHERE
        "t15"."day" <= MAKE_DATE(2024, 1, 1)
    ) AS "t18"
    UNION ALL
    SELECT
      *
    FROM (
      SELECT
        "t9"."customer_id",
        "t9"."first_day",
        LEAST("t9"."last_day", MAKE_DATE(2024, 1, 1)) AS "last_day"
      FROM (
        SELECT
          "t2"."customer_id",
          DATE(TIMEZONE('Europe/Amsterdam', "t2"."started_at")) AS "first_day",
          COALESCE(
            DATE(TIMEZONE('Europe/Amsterdam', CAST(NULL AS TIMESTAMPTZ))) - INTERVAL '1 DAY',
            MAKE_DATE(2024, 1, 1)
          ) AS "last_day"
        FROM "subscriptions" AS "t2"
      ) AS "t9"
      WHERE
        "t9"."first_day" <= LEAST("t9"."last_day", MAKE_DATE(2024, 1, 1))
        AND "t9"."first_day" <= MAKE_DATE(2024, 1, 1)
    ) AS "t11"
  ) AS "t19"
), "t35" AS (
  SELECT
    "t34"."segment",
    CASE
      WHEN "t34"."day" < MAKE_DATE(2024, 1, 1)
      THEN MAKE_DATE(2023, 12, 31)
      ELSE DATE_TRUNC('MONTH', "t34"."day")
    END AS "period_start",
    SUM("t34"."change") AS "change"
  FROM (
    SELECT
      "t33"."customer_id",
      "t33"."day",
      "t33"."change",
      COALESCE("t33"."segment_", 'unknown') AS "segment"
    FROM (
      SELECT
        "t32"."customer_id",
        "t32"."day",
        "t32"."change",
        "t6"."segment_customer_",
        "t6"."segment_"
      FROM (
        SELECT
          *
        FROM (
          SELECT
            *
          FROM (
            SELECT
              "t23"."customer_id",
              "t23"."first_day" AS "day",
              1 AS "change"
            FROM "t22" AS "t23"
            WHERE
              (
                "t23"."previous_reach" IS NULL
              )
              OR (
                "t23"."first_day" > (
                  "t23"."previous_reach" + INTERVAL '1 DAY'
                )
              )
          ) AS "t27"
          UNION ALL
          SELECT
            *
          FROM (
            SELECT
              "t23"."customer_id",
              "t23"."reach" + INTERVAL '1 DAY' AS "day",
              -1 AS "change"
            FROM "t22" AS "t23"
            WHERE
              (
                "t23"."next_first" IS NULL
              )
              OR (
                "t23"."next_first" > (
                  "t23"."reach" + INTERVAL '1 DAY'
                )
              )
          ) AS "t26"
        ) AS "t28"
        WHERE
          "t28"."day" <= MAKE_DATE(2024, 1, 1)
      ) AS "t32"
      LEFT OUTER JOIN (
        SELECT
          "t1"."customer_id" AS "segment_customer_",
          "t1"."country" AS "segment_"
        FROM "customers" AS "t1"
      ) AS "t6"
        ON "t32"."customer_id" = "t6"."segment_customer_"
    ) AS "t33"
  ) AS "t34"
  GROUP BY
    1,
    2
)
SELECT
  'customer_retention_rate' AS "metric",
  "t44"."period_start",
  "t44"."segment",
  CAST("t44"."at_end" - "t44"."new" AS DOUBLE PRECISION) / "t44"."at_start" AS "value",
  LEAST(
    LEAST(
      (
        CAST((
          (
            CAST(LEAST(GREATEST("t44"."at_end" - "t44"."new", 0), "t44"."at_start") AS DOUBLE PRECISION) / CASE
              WHEN "t44"."at_start" > 0
              THEN CAST("t44"."at_start" AS DOUBLE PRECISION)
              ELSE CAST(NULL AS DOUBLE PRECISION)
            END
          ) + (
            CAST(3.8414588206941254 AS DOUBLE PRECISION) / (
              CASE
                WHEN "t44"."at_start" > 0
                THEN CAST("t44"."at_start" AS DOUBLE PRECISION)
                ELSE CAST(NULL AS DOUBLE PRECISION)
              END * 2
            )
          )
        ) AS DOUBLE PRECISION) / (
          (
            CAST(3.8414588206941254 AS DOUBLE PRECISION) / CASE
              WHEN "t44"."at_start" > 0
              THEN CAST("t44"."at_start" AS DOUBLE PRECISION)
              ELSE CAST(NULL AS DOUBLE PRECISION)
            END
          ) + 1
        )
      ) - (
        CAST((
          SQRT(
            (
              CAST((
                (
                  CAST(LEAST(GREATEST("t44"."at_end" - "t44"."new", 0), "t44"."at_start") AS DOUBLE PRECISION) / CASE
                    WHEN "t44"."at_start" > 0
                    THEN CAST("t44"."at_start" AS DOUBLE PRECISION)
                    ELSE CAST(NULL AS DOUBLE PRECISION)
                  END
                ) * (
                  1 - (
                    CAST(LEAST(GREATEST("t44"."at_end" - "t44"."new", 0), "t44"."at_start") AS DOUBLE PRECISION) / CASE
                      WHEN "t44"."at_start" > 0
                      THEN CAST("t44"."at_start" AS DOUBLE PRECISION)
                      ELSE CAST(NULL AS DOUBLE PRECISION)
                    END
                  )
                )
              ) AS DOUBLE PRECISION) / CASE
                WHEN "t44"."at_start" > 0
                THEN CAST("t44"."at_start" AS DOUBLE PRECISION)
                ELSE CAST(NULL AS DOUBLE PRECISION)
              END
            ) + (
              CAST(3.8414588206941254 AS DOUBLE PRECISION) / (
                CASE
                  WHEN "t44"."at_start" > 0
                  THEN CAST("t44"."at_start" AS DOUBLE PRECISION)
                  ELSE CAST(NULL AS DOUBLE PRECISION)
                END * 4 * CASE
                  WHEN "t44"."at_start" > 0
                  THEN CAST("t44"."at_start" AS DOUBLE PRECISION)
                  ELSE CAST(NULL AS DOUBLE PRECISION)
                END
              )
            )
          ) * 1.959963984540054
        ) AS DOUBLE PRECISION) / (
          (
            CAST(3.8414588206941254 AS DOUBLE PRECISION) / CASE
              WHEN "t44"."at_start" > 0
              THEN CAST("t44"."at_start" AS DOUBLE PRECISION)
              ELSE CAST(NULL AS DOUBLE PRECISION)
            END
          ) + 1
        )
      ),
      CAST(LEAST(GREATEST("t44"."at_end" - "t44"."new", 0), "t44"."at_start") AS DOUBLE PRECISION) / CASE
        WHEN "t44"."at_start" > 0
        THEN CAST("t44"."at_start" AS DOUBLE PRECISION)
        ELSE CAST(NULL AS DOUBLE PRECISION)
      END
    ),
    CAST("t44"."at_end" - "t44"."new" AS DOUBLE PRECISION) / "t44"."at_start"
  ) AS "ci_low",
  GREATEST(
    GREATEST(
      (
        CAST((
          (
            CAST(LEAST(GREATEST("t44"."at_end" - "t44"."new", 0), "t44"."at_start") AS DOUBLE PRECISION) / CASE
              WHEN "t44"."at_start" > 0
              THEN CAST("t44"."at_start" AS DOUBLE PRECISION)
              ELSE CAST(NULL AS DOUBLE PRECISION)
            END
          ) + (
            CAST(3.8414588206941254 AS DOUBLE PRECISION) / (
              CASE
                WHEN "t44"."at_start" > 0
                THEN CAST("t44"."at_start" AS DOUBLE PRECISION)
                ELSE CAST(NULL AS DOUBLE PRECISION)
              END * 2
            )
          )
        ) AS DOUBLE PRECISION) / (
          (
            CAST(3.8414588206941254 AS DOUBLE PRECISION) / CASE
              WHEN "t44"."at_start" > 0
              THEN CAST("t44"."at_start" AS DOUBLE PRECISION)
              ELSE CAST(NULL AS DOUBLE PRECISION)
            END
          ) + 1
        )
      ) + (
        CAST((
          SQRT(
            (
              CAST((
                (
                  CAST(LEAST(GREATEST("t44"."at_end" - "t44"."new", 0), "t44"."at_start") AS DOUBLE PRECISION) / CASE
                    WHEN "t44"."at_start" > 0
                    THEN CAST("t44"."at_start" AS DOUBLE PRECISION)
                    ELSE CAST(NULL AS DOUBLE PRECISION)
                  END
                ) * (
                  1 - (
                    CAST(LEAST(GREATEST("t44"."at_end" - "t44"."new", 0), "t44"."at_start") AS DOUBLE PRECISION) / CASE
                      WHEN "t44"."at_start" > 0
                      THEN CAST("t44"."at_start" AS DOUBLE PRECISION)
                      ELSE CAST(NULL AS DOUBLE PRECISION)
                    END
                  )
                )
              ) AS DOUBLE PRECISION) / CASE
                WHEN "t44"."at_start" > 0
                THEN CAST("t44"."at_start" AS DOUBLE PRECISION)
                ELSE CAST(NULL AS DOUBLE PRECISION)
              END
            ) + (
              CAST(3.8414588206941254 AS DOUBLE PRECISION) / (
                CASE
                  WHEN "t44"."at_start" > 0
                  THEN CAST("t44"."at_start" AS DOUBLE PRECISION)
                  ELSE CAST(NULL AS DOUBLE PRECISION)
                END * 4 * CASE
                  WHEN "t44"."at_start" > 0
                  THEN CAST("t44"."at_start" AS DOUBLE PRECISION)
                  ELSE CAST(NULL AS DOUBLE PRECISION)
                END
              )
            )
          ) * 1.959963984540054
        ) AS DOUBLE PRECISION) / (
          (
            CAST(3.8414588206941254 AS DOUBLE PRECISION) / CASE
              WHEN "t44"."at_start" > 0
              THEN CAST("t44"."at_start" AS DOUBLE PRECISION)
              ELSE CAST(NULL AS DOUBLE PRECISION)
            END
          ) + 1
        )
      ),
      CAST(LEAST(GREATEST("t44"."at_end" - "t44"."new", 0), "t44"."at_start") AS DOUBLE PRECISION) / CASE
        WHEN "t44"."at_start" > 0
        THEN CAST("t44"."at_start" AS DOUBLE PRECISION)
        ELSE CAST(NULL AS DOUBLE PRECISION)
      END
    ),
    CAST("t44"."at_end" - "t44"."new" AS DOUBLE PRECISION) / "t44"."at_start"
  ) AS "ci_high",
  "t44"."at_start" AS "n"
FROM (
  SELECT
    COALESCE("t43"."period_start", "t30"."period_start") AS "period_start",
    COALESCE("t43"."segment", "t30"."segment") AS "segment",
    COALESCE("t43"."at_start", 0) AS "at_start",
    COALESCE("t43"."at_end", 0) AS "at_end",
    COALESCE("t30"."new", 0) AS "new"
  FROM (
    SELECT
      "t41"."period_start",
      "t41"."segment",
      "t41"."at_end" - "t41"."change" AS "at_start",
      "t41"."at_end"
    FROM (
      SELECT
        "t40"."segment",
        "t40"."period_start",
        "t40"."change",
        SUM("t40"."change") OVER (
          PARTITION BY "t40"."segment"
          ORDER BY "t40"."period_start" ASC
          ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
        ) AS "at_end"
      FROM (
        SELECT
          "t39"."segment",
          "t4"."period_start",
          COALESCE("t37"."change", 0) AS "change"
        FROM (
          SELECT DISTINCT
            "t36"."segment"
          FROM "t35" AS "t36"
        ) AS "t39"
        CROSS JOIN (SELECT CAST('2023-12-31' AS DATE) AS "period_start" UNION ALL SELECT CAST('2024-01-01' AS DATE) AS "period_start") AS "t4"
        LEFT OUTER JOIN "t35" AS "t37"
          ON "t39"."segment" = "t37"."segment" AND "t4"."period_start" = "t37"."period_start"
      ) AS "t40"
    ) AS "t41"
    WHERE
      "t41"."period_start" > MAKE_DATE(2023, 12, 31)
  ) AS "t43"
  FULL OUTER JOIN (
    SELECT
      DATE_TRUNC('MONTH', "t25"."first_day") AS "period_start",
      "t25"."segment",
      COUNT(*) AS "new"
    FROM (
      SELECT
        "t24"."customer_id",
        "t24"."first_day",
        COALESCE("t24"."segment_", 'unknown') AS "segment"
      FROM (
        SELECT
          "t21"."customer_id",
          "t21"."first_day",
          "t6"."segment_customer_",
          "t6"."segment_"
        FROM (
          SELECT
            "t17"."customer_id",
            MIN("t17"."first_day") AS "first_day"
          FROM (
            SELECT
              *
            FROM (
              SELECT
                "t15"."customer_id",
                "t15"."first_day"
              FROM "t14" AS "t15"
              WHERE
                "t15"."previous_day" IS NULL
            ) AS "t16"
            UNION ALL
            SELECT
              *
            FROM (
              SELECT
                "t2"."customer_id",
                DATE(TIMEZONE('Europe/Amsterdam', "t2"."started_at")) AS "first_day"
              FROM "subscriptions" AS "t2"
            ) AS "t8"
          ) AS "t17"
          GROUP BY
            1
        ) AS "t21"
        LEFT OUTER JOIN (
          SELECT
            "t1"."customer_id" AS "segment_customer_",
            "t1"."country" AS "segment_"
          FROM "customers" AS "t1"
        ) AS "t6"
          ON "t21"."customer_id" = "t6"."segment_customer_"
      ) AS "t24"
      WHERE
        "t24"."first_day" BETWEEN MAKE_DATE(2024, 1, 1) AND MAKE_DATE(2024, 1, 1)
    ) AS "t25"
    GROUP BY
      1,
      2
  ) AS "t30"
    ON "t43"."period_start" = "t30"."period_start" AND "t43"."segment" = "t30"."segment"
) AS "t44"
WHERE
  "t44"."at_start" > 0
