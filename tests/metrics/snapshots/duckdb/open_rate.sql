SELECT
  'open_rate' AS "metric",
  "t10"."period_start",
  "t10"."segment",
  CAST("t10"."k" AS DOUBLE) / "t10"."n" AS "value",
  LEAST(
    (
      (
        (
          CAST("t10"."k" AS DOUBLE) / CASE WHEN "t10"."n" > 0 THEN CAST("t10"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END
        ) + (
          3.8414588206941254 / (
            CASE WHEN "t10"."n" > 0 THEN CAST("t10"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END * 2
          )
        )
      ) / (
        (
          3.8414588206941254 / CASE WHEN "t10"."n" > 0 THEN CAST("t10"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END
        ) + 1
      )
    ) - (
      (
        SQRT(
          (
            (
              (
                CAST("t10"."k" AS DOUBLE) / CASE WHEN "t10"."n" > 0 THEN CAST("t10"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END
              ) * (
                1 - (
                  CAST("t10"."k" AS DOUBLE) / CASE WHEN "t10"."n" > 0 THEN CAST("t10"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END
                )
              )
            ) / CASE WHEN "t10"."n" > 0 THEN CAST("t10"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END
          ) + (
            3.8414588206941254 / (
              CASE WHEN "t10"."n" > 0 THEN CAST("t10"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END * 4 * CASE WHEN "t10"."n" > 0 THEN CAST("t10"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END
            )
          )
        ) * 1.959963984540054
      ) / (
        (
          3.8414588206941254 / CASE WHEN "t10"."n" > 0 THEN CAST("t10"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END
        ) + 1
      )
    ),
    CAST("t10"."k" AS DOUBLE) / CASE WHEN "t10"."n" > 0 THEN CAST("t10"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END
  ) AS "ci_low",
  GREATEST(
    (
      (
        (
          CAST("t10"."k" AS DOUBLE) / CASE WHEN "t10"."n" > 0 THEN CAST("t10"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END
        ) + (
          3.8414588206941254 / (
            CASE WHEN "t10"."n" > 0 THEN CAST("t10"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END * 2
          )
        )
      ) / (
        (
          3.8414588206941254 / CASE WHEN "t10"."n" > 0 THEN CAST("t10"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END
        ) + 1
      )
    ) + (
      (
        SQRT(
          (
            (
              (
                CAST("t10"."k" AS DOUBLE) / CASE WHEN "t10"."n" > 0 THEN CAST("t10"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END
              ) * (
                1 - (
                  CAST("t10"."k" AS DOUBLE) / CASE WHEN "t10"."n" > 0 THEN CAST("t10"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END
                )
              )
            ) / CASE WHEN "t10"."n" > 0 THEN CAST("t10"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END
          ) + (
            3.8414588206941254 / (
              CASE WHEN "t10"."n" > 0 THEN CAST("t10"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END * 4 * CASE WHEN "t10"."n" > 0 THEN CAST("t10"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END
            )
          )
        ) * 1.959963984540054
      ) / (
        (
          3.8414588206941254 / CASE WHEN "t10"."n" > 0 THEN CAST("t10"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END
        ) + 1
      )
    ),
    CAST("t10"."k" AS DOUBLE) / CASE WHEN "t10"."n" > 0 THEN CAST("t10"."n" AS DOUBLE) ELSE CAST(NULL AS DOUBLE) END
  ) AS "ci_high",
  "t10"."n"
FROM (
  SELECT
    "t9"."period_start",
    "t9"."segment",
    SUM("t9"."opened") AS "k",
    COUNT(*) AS "n"
  FROM (
    SELECT
      "t8"."customer_id",
      "t8"."period_start",
      "t8"."opened",
      "t8"."clicked",
      COALESCE("t8"."segment_", 'unknown') AS "segment"
    FROM (
      SELECT
        "t7"."customer_id",
        "t7"."period_start",
        "t7"."opened",
        "t7"."clicked",
        "t3"."segment_customer_",
        "t3"."segment_"
      FROM (
        SELECT
          "t5"."customer_id",
          DATE_TRUNC('MONTH', "t5"."day") AS "period_start",
          "t5"."opened",
          "t5"."clicked"
        FROM (
          SELECT
            "t4"."message_id",
            "t4"."customer_id",
            "t4"."sent_at",
            "t4"."delivered",
            CAST(TIMEZONE('Europe/Amsterdam', "t4"."sent_at") AS DATE) AS "day",
            CASE WHEN FALSE OR FALSE THEN 1 ELSE 0 END AS "opened",
            CASE WHEN FALSE THEN 1 ELSE 0 END AS "clicked"
          FROM (
            SELECT
              *
            FROM "messages" AS "t1"
            WHERE
              COALESCE("t1"."delivered", TRUE)
          ) AS "t4"
        ) AS "t5"
        WHERE
          "t5"."day" BETWEEN MAKE_DATE(2024, 1, 1) AND MAKE_DATE(2024, 1, 1)
      ) AS "t7"
      LEFT OUTER JOIN (
        SELECT
          "t0"."customer_id" AS "segment_customer_",
          "t0"."country" AS "segment_"
        FROM "customers" AS "t0"
      ) AS "t3"
        ON "t7"."customer_id" = "t3"."segment_customer_"
    ) AS "t8"
  ) AS "t9"
  GROUP BY
    1,
    2
) AS "t10"
WHERE
  "t10"."n" > 0
