WITH "t19" AS (
  SELECT
    "t5"."unit_start",
    "t18"."segment",
    CASE
      WHEN "t5"."bit" = 0
      THEN "t18"."bit_0"
      WHEN "t5"."bit" = 1
      THEN "t18"."bit_1"
      WHEN "t5"."bit" = 2
      THEN "t18"."bit_2"
      WHEN "t5"."bit" = 3
      THEN "t18"."bit_3"
      WHEN "t5"."bit" = 4
      THEN "t18"."bit_4"
      WHEN "t5"."bit" = 5
      THEN "t18"."bit_5"
      WHEN "t5"."bit" = 6
      THEN "t18"."bit_6"
      WHEN "t5"."bit" = 7
      THEN "t18"."bit_7"
      WHEN "t5"."bit" = 8
      THEN "t18"."bit_8"
      WHEN "t5"."bit" = 9
      THEN "t18"."bit_9"
      WHEN "t5"."bit" = 10
      THEN "t18"."bit_10"
      WHEN "t5"."bit" = 11
      THEN "t18"."bit_11"
      WHEN "t5"."bit" = 12
      THEN "t18"."bit_12"
      WHEN "t5"."bit" = 13
      THEN "t18"."bit_13"
      WHEN "t5"."bit" = 14
      THEN "t18"."bit_14"
      WHEN "t5"."bit" = 15
      THEN "t18"."bit_15"
      WHEN "t5"."bit" = 16
      THEN "t18"."bit_16"
      WHEN "t5"."bit" = 17
      THEN "t18"."bit_17"
      WHEN "t5"."bit" = 18
      THEN "t18"."bit_18"
      WHEN "t5"."bit" = 19
      THEN "t18"."bit_19"
      WHEN "t5"."bit" = 20
      THEN "t18"."bit_20"
      WHEN "t5"."bit" = 21
      THEN "t18"."bit_21"
      WHEN "t5"."bit" = 22
      THEN "t18"."bit_22"
      WHEN "t5"."bit" = 23
      THEN "t18"."bit_23"
      WHEN "t5"."bit" = 24
      THEN "t18"."bit_24"
      WHEN "t5"."bit" = 25
      THEN "t18"."bit_25"
      WHEN "t5"."bit" = 26
      THEN "t18"."bit_26"
      WHEN "t5"."bit" = 27
      THEN "t18"."bit_27"
      WHEN "t5"."bit" = 28
      THEN "t18"."bit_28"
      WHEN "t5"."bit" = 29
      THEN "t18"."bit_29"
      WHEN "t5"."bit" = 30
      THEN "t18"."bit_30"
      ELSE NULL
    END AS "actives"
  FROM (
    SELECT
      "t16"."month",
      "t16"."segment",
      SUM((
        "t16"."days" >> 0
      ) & 1) AS "bit_0",
      SUM((
        "t16"."days" >> 1
      ) & 1) AS "bit_1",
      SUM((
        "t16"."days" >> 2
      ) & 1) AS "bit_2",
      SUM((
        "t16"."days" >> 3
      ) & 1) AS "bit_3",
      SUM((
        "t16"."days" >> 4
      ) & 1) AS "bit_4",
      SUM((
        "t16"."days" >> 5
      ) & 1) AS "bit_5",
      SUM((
        "t16"."days" >> 6
      ) & 1) AS "bit_6",
      SUM((
        "t16"."days" >> 7
      ) & 1) AS "bit_7",
      SUM((
        "t16"."days" >> 8
      ) & 1) AS "bit_8",
      SUM((
        "t16"."days" >> 9
      ) & 1) AS "bit_9",
      SUM((
        "t16"."days" >> 10
      ) & 1) AS "bit_10",
      SUM((
        "t16"."days" >> 11
      ) & 1) AS "bit_11",
      SUM((
        "t16"."days" >> 12
      ) & 1) AS "bit_12",
      SUM((
        "t16"."days" >> 13
      ) & 1) AS "bit_13",
      SUM((
        "t16"."days" >> 14
      ) & 1) AS "bit_14",
      SUM((
        "t16"."days" >> 15
      ) & 1) AS "bit_15",
      SUM((
        "t16"."days" >> 16
      ) & 1) AS "bit_16",
      SUM((
        "t16"."days" >> 17
      ) & 1) AS "bit_17",
      SUM((
        "t16"."days" >> 18
      ) & 1) AS "bit_18",
      SUM((
        "t16"."days" >> 19
      ) & 1) AS "bit_19",
      SUM((
        "t16"."days" >> 20
      ) & 1) AS "bit_20",
      SUM((
        "t16"."days" >> 21
      ) & 1) AS "bit_21",
      SUM((
        "t16"."days" >> 22
      ) & 1) AS "bit_22",
      SUM((
        "t16"."days" >> 23
      ) & 1) AS "bit_23",
      SUM((
        "t16"."days" >> 24
      ) & 1) AS "bit_24",
      SUM((
        "t16"."days" >> 25
      ) & 1) AS "bit_25",
      SUM((
        "t16"."days" >> 26
      ) & 1) AS "bit_26",
      SUM((
        "t16"."days" >> 27
      ) & 1) AS "bit_27",
      SUM((
        "t16"."days" >> 28
      ) & 1) AS "bit_28",
      SUM((
        "t16"."days" >> 29
      ) & 1) AS "bit_29",
      SUM((
        "t16"."days" >> 30
      ) & 1) AS "bit_30"
    FROM (
      SELECT
        "t15"."customer_id",
        "t15"."month",
        "t15"."days",
        COALESCE("t15"."segment_", 'unknown') AS "segment"
      FROM (
        SELECT
          "t14"."customer_id",
          "t14"."month",
          "t14"."days",
          "t7"."segment_customer_",
          "t7"."segment_"
        FROM (
          SELECT
            *
          FROM (
            SELECT
              "t11"."customer_id",
              "t11"."month",
              "t11"."days" & CASE
                WHEN "t11"."month" = MAKE_DATE(2024, 1, 1)
                THEN 1
                WHEN "t11"."month" = MAKE_DATE(2024, 1, 1)
                THEN 1
                ELSE 2147483647
              END AS "days"
            FROM (
              SELECT
                "t10"."customer_id",
                "t10"."month",
                BIT_OR("t10"."bit") AS "days"
              FROM (
                SELECT
                  "t9"."customer_id",
                  DATE_TRUNC('MONTH', "t9"."day") AS "month",
                  1 << CAST(EXTRACT(day FROM "t9"."day") - 1 AS INT) AS "bit"
                FROM (
                  SELECT
                    "t8"."customer_id",
                    DATE(TIMEZONE('Europe/Amsterdam', "t8"."occurred_at")) AS "day"
                  FROM (
                    SELECT
                      *
                    FROM "events" AS "t3"
                    WHERE
                      "t3"."occurred_at" >= CAST('2023-11-30T23:00:00+00:00' AS TIMESTAMPTZ)
                      AND "t3"."occurred_at" < CAST('2024-01-01T23:00:00+00:00' AS TIMESTAMPTZ)
                      AND "t3"."customer_id" IS NOT NULL
                  ) AS "t8"
                ) AS "t9"
              ) AS "t10"
              GROUP BY
                1,
                2
            ) AS "t11"
            WHERE
              "t11"."month" BETWEEN MAKE_DATE(2024, 1, 1) AND MAKE_DATE(2024, 1, 1)
          ) AS "t12"
          WHERE
            "t12"."days" <> 0
        ) AS "t14"
        LEFT OUTER JOIN (
          SELECT
            "t2"."customer_id" AS "segment_customer_",
            "t2"."country" AS "segment_"
          FROM "customers" AS "t2"
        ) AS "t7"
          ON "t14"."customer_id" = "t7"."segment_customer_"
      ) AS "t15"
    ) AS "t16"
    GROUP BY
      1,
      2
  ) AS "t18"
  INNER JOIN (SELECT CAST('2024-01-01' AS DATE) AS "month", 0 AS "bit", CAST('2024-01-01' AS DATE) AS "unit_start") AS "t5"
    ON "t18"."month" = "t5"."month"
)
SELECT
  'dau' AS "metric",
  "t25"."period_start",
  "t25"."segment",
  "t25"."value",
  CASE
    WHEN "t25"."n" > 1
    THEN GREATEST(
      "t25"."value" - (
        CAST((
          "t25"."sd" * 1.959963984540054
        ) AS DOUBLE PRECISION) / SQRT(CAST("t25"."n" AS DOUBLE PRECISION))
      ),
      0.0
    )
    ELSE CAST(NULL AS DOUBLE PRECISION)
  END AS "ci_low",
  CASE
    WHEN "t25"."n" > 1
    THEN "t25"."value" + (
      CAST((
        "t25"."sd" * 1.959963984540054
      ) AS DOUBLE PRECISION) / SQRT(CAST("t25"."n" AS DOUBLE PRECISION))
    )
    ELSE CAST(NULL AS DOUBLE PRECISION)
  END AS "ci_high",
  "t25"."n"
FROM (
  SELECT
    "t24"."period_start",
    "t24"."segment",
    AVG("t24"."actives") AS "value",
    STDDEV_SAMP("t24"."actives") AS "sd",
    COUNT(*) AS "n"
  FROM (
    SELECT
      "t4"."period_start",
      "t23"."segment",
      "t4"."unit_start",
      COALESCE("t21"."actives", 0) AS "actives"
    FROM (SELECT CAST('2024-01-01' AS DATE) AS "period_start", CAST('2024-01-01' AS DATE) AS "unit_start", 1 AS "days") AS "t4"
    CROSS JOIN (
      SELECT DISTINCT
        "t20"."segment"
      FROM "t19" AS "t20"
    ) AS "t23"
    LEFT OUTER JOIN "t19" AS "t21"
      ON "t4"."unit_start" = "t21"."unit_start" AND "t23"."segment" = "t21"."segment"
  ) AS "t24"
  GROUP BY
    1,
    2
) AS "t25"
