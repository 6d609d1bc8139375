WITH "t11" AS (
  SELECT
    "t10"."customer_id",
    "t10"."day",
    SUM("t10"."amount") AS "amount",
    COUNT(*) AS "orders"
  FROM (
    SELECT
      "t8"."order_id",
      "t8"."customer_id",
      "t8"."ordered_at",
      "t8"."amount",
      "t8"."status",
      CAST(TIMEZONE('Europe/Amsterdam', "t8"."ordered_at") AS DATE) AS "day"
    FROM (
      SELECT
        *
      FROM "orders" AS "t3"
      WHERE
        "t3"."status" = 'completed'
    ) AS "t8"
  ) AS "t10"
  GROUP BY
    1,
    2
)
SELECT
  'stickiness_by_value' AS "metric",
  "t27"."period_start",
  "t27"."segment",
  CAST("t27"."hits" AS DOUBLE) / "t27"."n" AS "value",
  LEAST(
    LEAST(
      (
        (
          (
            CAST("t27"."hits" AS DOUBLE) / CASE WHEN "t27"."n" > 0 THEN CAST("t27"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END
          ) + (
            3.8414588206941254 / (
              CASE WHEN "t27"."n" > 0 THEN CAST("t27"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END * 2
            )
          )
        ) / (
          (
            3.8414588206941254 / CASE WHEN "t27"."n" > 0 THEN CAST("t27"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END
          ) + 1
        )
      ) - (
        (
          SQRT(
            (
              (
                (
                  CAST("t27"."hits" AS DOUBLE) / CASE WHEN "t27"."n" > 0 THEN CAST("t27"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END
                ) * (
                  1 - (
                    CAST("t27"."hits" AS DOUBLE) / CASE WHEN "t27"."n" > 0 THEN CAST("t27"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END
                  )
                )
              ) / CASE WHEN "t27"."n" > 0 THEN CAST("t27"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END
            ) + (
              3.8414588206941254 / (
                CASE WHEN "t27"."n" > 0 THEN CAST("t27"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END * 4 * CASE WHEN "t27"."n" > 0 THEN CAST("t27"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END
              )
            )
          ) * 1.959963984540054
        ) / (
          (
            3.8414588206941254 / CASE WHEN "t27"."n" > 0 THEN CAST("t27"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END
          ) + 1
        )
      ),
      CAST("t27"."hits" AS DOUBLE) / CASE WHEN "t27"."n" > 0 THEN CAST("t27"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END
    ),
    CAST("t27"."hits" AS DOUBLE) / "t27"."n"
  ) AS "ci_low",
  GREATEST(
    GREATEST(
      (
        (
          (
            CAST("t27"."hits" AS DOUBLE) / CASE WHEN "t27"."n" > 0 THEN CAST("t27"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END
          ) + (
            3.8414588206941254 / (
              CASE WHEN "t27"."n" > 0 THEN CAST("t27"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END * 2
            )
          )
        ) / (
          (
            3.8414588206941254 / CASE WHEN "t27"."n" > 0 THEN CAST("t27"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END
          ) + 1
        )
      ) + (
        (
          SQRT(
            (
              (
                (
                  CAST("t27"."hits" AS DOUBLE) / CASE WHEN "t27"."n" > 0 THEN CAST("t27"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END
                ) * (
                  1 - (
                    CAST("t27"."hits" AS DOUBLE) / CASE WHEN "t27"."n" > 0 THEN CAST("t27"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END
                  )
                )
              ) / CASE WHEN "t27"."n" > 0 THEN CAST("t27"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END
            ) + (
              3.8414588206941254 / (
                CASE WHEN "t27"."n" > 0 THEN CAST("t27"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END * 4 * CASE WHEN "t27"."n" > 0 THEN CAST("t27"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END
              )
            )
          ) * 1.959963984540054
        ) / (
          (
            3.8414588206941254 / CASE WHEN "t27"."n" > 0 THEN CAST("t27"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END
          ) + 1
        )
      ),
      CAST("t27"."hits" AS DOUBLE) / CASE WHEN "t27"."n" > 0 THEN CAST("t27"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END
    ),
    CAST("t27"."hits" AS DOUBLE) / "t27"."n"
  ) AS "ci_high",
  "t27"."n"
FROM (
  SELECT
    "t26"."period_start",
    "t26"."segment",
    COUNT(*) AS "n",
    COUNT(*) FILTER(WHERE
      "t26"."bought" IS NOT NULL) AS "hits"
  FROM (
    SELECT
      "t25"."customer_id",
      "t25"."period_start",
      "t25"."reason",
      "t25"."bought",
      COALESCE("t25"."segment_", 'unknown') || ' · ' || "t25"."reason" AS "segment"
    FROM (
      SELECT
        "t24"."customer_id",
        "t24"."period_start",
        "t24"."reason",
        "t21"."bought",
        "t6"."segment_customer_",
        "t6"."segment_"
      FROM (
        SELECT
          *
        FROM (
          SELECT
            "t14"."customer_id",
            "t4"."period_start",
            "t4"."first_day",
            "t14"."reason",
            "t19"."first_order"
          FROM (
            SELECT
              "t9"."customer_id",
              "t9"."reason",
              "t9"."responded_at",
              "t9"."day",
              LEAD("t9"."day") OVER (
                PARTITION BY "t9"."customer_id"
                ORDER BY "t9"."responded_at" ASC, "t9"."reason" ASC
                ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
              ) AS "next_day"
            FROM (
              SELECT
                "t7"."customer_id",
                "t7"."reason",
                "t7"."responded_at",
                CAST(TIMEZONE('Europe/Amsterdam', "t7"."responded_at") AS DATE) AS "day"
              FROM (
                SELECT
                  "t2"."customer_id",
                  "t2"."responded_at",
                  "t2"."survey",
                  "t2"."score",
                  TRIM(CAST(NULL AS TEXT), ' 	
') AS "reason"
                FROM "responses" AS "t2"
                WHERE
                  "t2"."survey" = 'product'
                  AND CAST(NULL AS TEXT) IS NOT NULL
                  AND TRIM(CAST(NULL AS TEXT), ' 	
') <> ''
              ) AS "t7"
            ) AS "t9"
          ) AS "t14"
          INNER JOIN (SELECT CAST('2024-01-01' AS DATE) AS "period_start", CAST('2024-01-01' AS DATE) AS "first_day", CAST('2024-01-01' AS DATE) AS "last_day", 1 AS "days") AS "t4"
            ON "t14"."day" <= "t4"."last_day"
            AND (
              (
                "t14"."next_day" IS NULL
              ) OR (
                "t14"."next_day" > "t4"."last_day"
              )
            )
          INNER JOIN (
            SELECT
              "t16"."customer_id",
              "t16"."first_day" AS "first_order"
            FROM (
              SELECT
                "t13"."customer_id",
                MIN("t13"."day") AS "first_day"
              FROM "t11" AS "t13"
              GROUP BY
                1
            ) AS "t16"
          ) AS "t19"
            ON "t14"."customer_id" = "t19"."customer_id"
        ) AS "t22"
        WHERE
          "t22"."first_order" < "t22"."first_day"
      ) AS "t24"
      LEFT OUTER JOIN (
        SELECT
          "t18"."customer_id",
          "t18"."period_start",
          1 AS "bought"
        FROM (
          SELECT
            "t15"."customer_id",
            "t15"."period_start",
            SUM("t15"."orders") AS "orders"
          FROM (
            SELECT
              "t13"."customer_id",
              "t13"."day",
              "t13"."amount",
              "t13"."orders",
              DATE_TRUNC('MONTH', "t13"."day") AS "period_start"
            FROM "t11" AS "t13"
            WHERE
              "t13"."day" BETWEEN MAKE_DATE(2024, 1, 1) AND MAKE_DATE(2024, 1, 1)
          ) AS "t15"
          GROUP BY
            1,
            2
        ) AS "t18"
      ) AS "t21"
        ON "t24"."customer_id" = "t21"."customer_id"
        AND "t24"."period_start" = "t21"."period_start"
      LEFT OUTER JOIN (
        SELECT
          "t0"."customer_id" AS "segment_customer_",
          "t0"."country" AS "segment_"
        FROM "customers" AS "t0"
      ) AS "t6"
        ON "t24"."customer_id" = "t6"."segment_customer_"
    ) AS "t25"
  ) AS "t26"
  GROUP BY
    1,
    2
) AS "t27"
