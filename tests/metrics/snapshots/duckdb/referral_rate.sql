SELECT
  'referral_rate' AS "metric",
  "t16"."period_start",
  "t16"."segment",
  CAST("t16"."k" AS DOUBLE) / "t16"."n" AS "value",
  LEAST(
    (
      (
        (
          CAST("t16"."k" AS DOUBLE) / CASE WHEN "t16"."n" > 0 THEN CAST("t16"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END
        ) + (
          3.8414588206941254 / (
            CASE WHEN "t16"."n" > 0 THEN CAST("t16"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END * 2
          )
        )
      ) / (
        (
          3.8414588206941254 / CASE WHEN "t16"."n" > 0 THEN CAST("t16"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END
        ) + 1
      )
    ) - (
      (
        SQRT(
          (
            (
              (
                CAST("t16"."k" AS DOUBLE) / CASE WHEN "t16"."n" > 0 THEN CAST("t16"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END
              ) * (
                1 - (
                  CAST("t16"."k" AS DOUBLE) / CASE WHEN "t16"."n" > 0 THEN CAST("t16"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END
                )
              )
            ) / CASE WHEN "t16"."n" > 0 THEN CAST("t16"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END
          ) + (
            3.8414588206941254 / (
              CASE WHEN "t16"."n" > 0 THEN CAST("t16"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END * 4 * CASE WHEN "t16"."n" > 0 THEN CAST("t16"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END
            )
          )
        ) * 1.959963984540054
      ) / (
        (
          3.8414588206941254 / CASE WHEN "t16"."n" > 0 THEN CAST("t16"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END
        ) + 1
      )
    ),
    CAST("t16"."k" AS DOUBLE) / CASE WHEN "t16"."n" > 0 THEN CAST("t16"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END
  ) AS "ci_low",
  GREATEST(
    (
      (
        (
          CAST("t16"."k" AS DOUBLE) / CASE WHEN "t16"."n" > 0 THEN CAST("t16"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END
        ) + (
          3.8414588206941254 / (
            CASE WHEN "t16"."n" > 0 THEN CAST("t16"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END * 2
          )
        )
      ) / (
        (
          3.8414588206941254 / CASE WHEN "t16"."n" > 0 THEN CAST("t16"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END
        ) + 1
      )
    ) + (
      (
        SQRT(
          (
            (
              (
                CAST("t16"."k" AS DOUBLE) / CASE WHEN "t16"."n" > 0 THEN CAST("t16"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END
              ) * (
                1 - (
                  CAST("t16"."k" AS DOUBLE) / CASE WHEN "t16"."n" > 0 THEN CAST("t16"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END
                )
              )
            ) / CASE WHEN "t16"."n" > 0 THEN CAST("t16"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END
          ) + (
            3.8414588206941254 / (
              CASE WHEN "t16"."n" > 0 THEN CAST("t16"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END * 4 * CASE WHEN "t16"."n" > 0 THEN CAST("t16"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END
            )
          )
        ) * 1.959963984540054
      ) / (
        (
          3.8414588206941254 / CASE WHEN "t16"."n" > 0 THEN CAST("t16"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END
        ) + 1
      )
    ),
    CAST("t16"."k" AS DOUBLE) / CASE WHEN "t16"."n" > 0 THEN CAST("t16"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END
  ) AS "ci_high",
  "t16"."n"
FROM (
  SELECT
    "t15"."period_start",
    "t15"."segment",
    COUNT("t15"."hit") AS "k",
    COUNT(*) AS "n"
  FROM (
    SELECT
      "t14"."customer_id",
      "t14"."period_start",
      "t14"."hit",
      COALESCE("t14"."segment_", 'unknown') AS "segment"
    FROM (
      SELECT
        "t13"."customer_id",
        "t13"."period_start",
        "t11"."__hit" AS "hit",
        "t4"."segment_customer_",
        "t4"."segment_"
      FROM (
        SELECT DISTINCT
          "t10"."customer_id",
          DATE_TRUNC('MONTH', "t10"."day") AS "period_start"
        FROM (
          SELECT
            "t7"."customer_id",
            "t7"."day",
            SUM("t7"."amount") AS "amount",
            COUNT(*) AS "orders"
          FROM (
            SELECT
              "t5"."order_id",
              "t5"."customer_id",
              "t5"."ordered_at",
              "t5"."amount",
              "t5"."status",
              CAST(TIMEZONE('Europe/Amsterdam', "t5"."ordered_at") AS DATE) AS "day"
            FROM (
              SELECT
                *
              FROM "orders" AS "t1"
              WHERE
                "t1"."status" = 'completed'
            ) AS "t5"
          ) AS "t7"
          GROUP BY
            1,
            2
        ) AS "t10"
        WHERE
          "t10"."day" BETWEEN MAKE_DATE(2024, 1, 1) AND MAKE_DATE(2024, 1, 1)
      ) AS "t13"
      LEFT OUTER JOIN (
        SELECT
          "t8"."customer_id" AS "__cid",
          "t8"."period_start" AS "__period",
          1 AS "__hit"
        FROM (
          SELECT DISTINCT
            "t6"."referrer_id" AS "customer_id",
            DATE_TRUNC('MONTH', "t6"."day") AS "period_start"
          FROM (
            SELECT
              "t2"."referrer_id",
              "t2"."referred_id",
              "t2"."referred_at",
              CAST(TIMEZONE('Europe/Amsterdam', "t2"."referred_at") AS DATE) AS "day"
            FROM "referrals" AS "t2"
          ) AS "t6"
          WHERE
            "t6"."day" BETWEEN MAKE_DATE(2024, 1, 1) AND MAKE_DATE(2024, 1, 1)
        ) AS "t8"
      ) AS "t11"
        ON "t13"."customer_id" = "t11"."__cid" AND "t13"."period_start" = "t11"."__period"
      LEFT OUTER JOIN (
        SELECT
          "t0"."customer_id" AS "segment_customer_",
          "t0"."country" AS "segment_"
        FROM "customers" AS "t0"
      ) AS "t4"
        ON "t13"."customer_id" = "t4"."segment_customer_"
    ) AS "t14"
  ) AS "t15"
  GROUP BY
    1,
    2
) AS "t16"
