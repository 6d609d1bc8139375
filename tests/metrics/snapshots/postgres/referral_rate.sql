SELECT
  'referral_rate' AS "metric",
  "t15"."period_start",
  "t15"."segment",
  CAST("t15"."k" AS DOUBLE PRECISION) / "t15"."n" AS "value",
  LEAST(
    (
      CAST((
        (
          CAST("t15"."k" AS DOUBLE PRECISION) / CASE
            WHEN "t15"."n" > 0
            THEN CAST("t15"."n" AS DOUBLE PRECISION)
            ELSE CAST(NULL AS DOUBLE PRECISION)
          END
        ) + (
          CAST(3.8414588206941254 AS DOUBLE PRECISION) / (
            CASE
              WHEN "t15"."n" > 0
              THEN CAST("t15"."n" AS DOUBLE PRECISION)
              ELSE CAST(NULL AS DOUBLE PRECISION)
            END * 2
          )
        )
      ) AS DOUBLE PRECISION) / (
        (
          CAST(3.8414588206941254 AS DOUBLE PRECISION) / CASE
            WHEN "t15"."n" > 0
            THEN CAST("t15"."n" AS DOUBLE PRECISION)
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
                CAST("t15"."k" AS DOUBLE PRECISION) / CASE
                  WHEN "t15"."n" > 0
                  THEN CAST("t15"."n" AS DOUBLE PRECISION)
                  ELSE CAST(NULL AS DOUBLE PRECISION)
                END
              ) * (
                1 - (
                  CAST("t15"."k" AS DOUBLE PRECISION) / CASE
                    WHEN "t15"."n" > 0
                    THEN CAST("t15"."n" AS DOUBLE PRECISION)
                    ELSE CAST(NULL AS DOUBLE PRECISION)
                  END
                )
              )
            ) AS DOUBLE PRECISION) / CASE
              WHEN "t15"."n" > 0
              THEN CAST("t15"."n" AS DOUBLE PRECISION)
              ELSE CAST(NULL AS DOUBLE PRECISION)
            END
          ) + (
            CAST(3.8414588206941254 AS DOUBLE PRECISION) / (
              CASE
                WHEN "t15"."n" > 0
                THEN CAST("t15"."n" AS DOUBLE PRECISION)
                ELSE CAST(NULL AS DOUBLE PRECISION)
              END * 4 * CASE
                WHEN "t15"."n" > 0
                THEN CAST("t15"."n" AS DOUBLE PRECISION)
                ELSE CAST(NULL AS DOUBLE PRECISION)
              END
            )
          )
        ) * 1.959963984540054
      ) AS DOUBLE PRECISION) / (
        (
          CAST(3.8414588206941254 AS DOUBLE PRECISION) / CASE
            WHEN "t15"."n" > 0
            THEN CAST("t15"."n" AS DOUBLE PRECISION)
            ELSE CAST(NULL AS DOUBLE PRECISION)
          END
        ) + 1
      )
    ),
    CAST("t15"."k" AS DOUBLE PRECISION) / CASE
      WHEN "t15"."n" > 0
      THEN CAST("t15"."n" AS DOUBLE PRECISION)
      ELSE CAST(NULL AS DOUBLE PRECISION)
    END
  ) AS "ci_low",
  GREATEST(
    (
      CAST((
        (
          CAST("t15"."k" AS DOUBLE PRECISION) / CASE
            WHEN "t15"."n" > 0
            THEN CAST("t15"."n" AS DOUBLE PRECISION)
            ELSE CAST(NULL AS DOUBLE PRECISION)
          END
        ) + (
          CAST(3.8414588206941254 AS DOUBLE PRECISION) / (
            CASE
              WHEN "t15"."n" > 0
              THEN CAST("t15"."n" AS DOUBLE PRECISION)
              ELSE CAST(NULL AS DOUBLE PRECISION)
            END * 2
          )
        )
      ) AS DOUBLE PRECISION) / (
        (
          CAST(3.8414588206941254 AS DOUBLE PRECISION) / CASE
            WHEN "t15"."n" > 0
            THEN CAST("t15"."n" AS DOUBLE PRECISION)
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
                CAST("t15"."k" AS DOUBLE PRECISION) / CASE
                  WHEN "t15"."n" > 0
                  THEN CAST("t15"."n" AS DOUBLE PRECISION)
                  ELSE CAST(NULL AS DOUBLE PRECISION)
                END
              ) * (
                1 - (
                  CAST("t15"."k" AS DOUBLE PRECISION) / CASE
                    WHEN "t15"."n" > 0
                    THEN CAST("t15"."n" AS DOUBLE PRECISION)
                    ELSE CAST(NULL AS DOUBLE PRECISION)
                  END
                )
              )
            ) AS DOUBLE PRECISION) / CASE
              WHEN "t15"."n" > 0
              THEN CAST("t15"."n" AS DOUBLE PRECISION)
              ELSE CAST(NULL AS DOUBLE PRECISION)
            END
          ) + (
            CAST(3.8414588206941254 AS DOUBLE PRECISION) / (
              CASE
                WHEN "t15"."n" > 0
                THEN CAST("t15"."n" AS DOUBLE PRECISION)
                ELSE CAST(NULL AS DOUBLE PRECISION)
              END * 4 * CASE
                WHEN "t15"."n" > 0
                THEN CAST("t15"."n" AS DOUBLE PRECISION)
                ELSE CAST(NULL AS DOUBLE PRECISION)
              END
            )
          )
        ) * 1.959963984540054
      ) AS DOUBLE PRECISION) / (
        (
          CAST(3.8414588206941254 AS DOUBLE PRECISION) / CASE
            WHEN "t15"."n" > 0
            THEN CAST("t15"."n" AS DOUBLE PRECISION)
            ELSE CAST(NULL AS DOUBLE PRECISION)
          END
        ) + 1
      )
    ),
    CAST("t15"."k" AS DOUBLE PRECISION) / CASE
      WHEN "t15"."n" > 0
      THEN CAST("t15"."n" AS DOUBLE PRECISION)
      ELSE CAST(NULL AS DOUBLE PRECISION)
    END
  ) AS "ci_high",
  "t15"."n"
FROM (
  SELECT
    "t14"."period_start",
    "t14"."segment",
    COUNT("t14"."hit") AS "k",
    COUNT(*) AS "n"
  FROM (
    SELECT
      "t13"."customer_id",
      "t13"."period_start",
      "t13"."hit",
      COALESCE("t13"."segment_", 'unknown') AS "segment"
    FROM (
      SELECT
        "t12"."customer_id",
        "t12"."period_start",
        "t11"."__hit" AS "hit",
        "t4"."segment_customer_",
        "t4"."segment_"
      FROM (
        SELECT DISTINCT
          "t7"."customer_id",
          DATE_TRUNC('MONTH', "t7"."day") AS "period_start"
        FROM (
          SELECT
            "t5"."order_id",
            "t5"."customer_id",
            "t5"."ordered_at",
            "t5"."amount",
            "t5"."status",
            DATE(TIMEZONE('Europe/Amsterdam', "t5"."ordered_at")) AS "day"
          FROM (
            SELECT
              *
            FROM "orders" AS "t1"
            WHERE
              "t1"."status" = 'completed'
          ) AS "t5"
        ) AS "t7"
        WHERE
          "t7"."day" BETWEEN MAKE_DATE(2024, 1, 1) AND MAKE_DATE(2024, 1, 1)
      ) AS "t12"
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
              DATE(TIMEZONE('Europe/Amsterdam', "t2"."referred_at")) AS "day"
            FROM "referrals" AS "t2"
          ) AS "t6"
          WHERE
            "t6"."day" BETWEEN MAKE_DATE(2024, 1, 1) AND MAKE_DATE(2024, 1, 1)
        ) AS "t8"
      ) AS "t11"
        ON "t12"."customer_id" = "t11"."__cid" AND "t12"."period_start" = "t11"."__period"
      LEFT OUTER JOIN (
        SELECT
          "t0"."customer_id" AS "segment_customer_",
          "t0"."country" AS "segment_"
        FROM "customers" AS "t0"
      ) AS "t4"
        ON "t12"."customer_id" = "t4"."segment_customer_"
    ) AS "t13"
  ) AS "t14"
  GROUP BY
    1,
    2
) AS "t15"
