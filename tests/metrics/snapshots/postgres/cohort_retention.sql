WITH "t3" AS (
  SELECT
    "t0"."period_start" AS "cohort",
    "t0"."idx" AS "cohort_idx"
  FROM (SELECT CAST('2024-01-01' AS DATE) AS "period_start", 0 AS "idx") AS "t0"
), "t4" AS (
  SELECT
    *
  FROM (SELECT CAST('2024-01-01' AS DATE) AS "period_start", 0 AS "idx") AS "t0"
)
SELECT
  'cohort_retention' AS "metric",
  "t33"."cohort" AS "period_start",
  "t33"."segment",
  CAST("t33"."ordered" AS DOUBLE PRECISION) / "t33"."members" AS "value",
  LEAST(
    LEAST(
      (
        CAST((
          (
            CAST("t33"."ordered" AS DOUBLE PRECISION) / CASE
              WHEN "t33"."members" > 0
              THEN CAST("t33"."members" AS DOUBLE PRECISION)
              ELSE CAST(NULL AS DOUBLE PRECISION)
            END
          ) + (
            CAST(3.8414588206941254 AS DOUBLE PRECISION) / (
              CASE
                WHEN "t33"."members" > 0
                THEN CAST("t33"."members" AS DOUBLE PRECISION)
                ELSE CAST(NULL AS DOUBLE PRECISION)
              END * 2
            )
          )
        ) AS DOUBLE PRECISION) / (
          (
            CAST(3.8414588206941254 AS DOUBLE PRECISION) / CASE
              WHEN "t33"."members" > 0
              THEN CAST("t33"."members" AS DOUBLE PRECISION)
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
                  CAST("t33"."ordered" AS DOUBLE PRECISION) / CASE
                    WHEN "t33"."members" > 0
                    THEN CAST("t33"."members" AS DOUBLE PRECISION)
                    ELSE CAST(NULL AS DOUBLE PRECISION)
                  END
                ) * (
                  1 - (
                    CAST("t33"."ordered" AS DOUBLE PRECISION) / CASE
                      WHEN "t33"."members" > 0
                      THEN CAST("t33"."members" AS DOUBLE PRECISION)
                      ELSE CAST(NULL AS DOUBLE PRECISION)
                    END
                  )
                )
              ) AS DOUBLE PRECISION) / CASE
                WHEN "t33"."members" > 0
                THEN CAST("t33"."members" AS DOUBLE PRECISION)
                ELSE CAST(NULL AS DOUBLE PRECISION)
              END
            ) + (
              CAST(3.8414588206941254 AS DOUBLE PRECISION) / (
                CASE
                  WHEN "t33"."members" > 0
                  THEN CAST("t33"."members" AS DOUBLE PRECISION)
                  ELSE CAST(NULL AS DOUBLE PRECISION)
                END * 4 * CASE
                  WHEN "t33"."members" > 0
                  THEN CAST("t33"."members" AS DOUBLE PRECISION)
                  ELSE CAST(NULL AS DOUBLE PRECISION)
                END
              )
            )
          ) * 1.959963984540054
        ) AS DOUBLE PRECISION) / (
          (
            CAST(3.8414588206941254 AS DOUBLE PRECISION) / CASE
              WHEN "t33"."members" > 0
              THEN CAST("t33"."members" AS DOUBLE PRECISION)
              ELSE CAST(NULL AS DOUBLE PRECISION)
            END
          ) + 1
        )
      ),
      CAST("t33"."ordered" AS DOUBLE PRECISION) / CASE
        WHEN "t33"."members" > 0
        THEN CAST("t33"."members" AS DOUBLE PRECISION)
        ELSE CAST(NULL AS DOUBLE PRECISION)
      END
    ),
    CAST("t33"."ordered" AS DOUBLE PRECISION) / "t33"."members"
  ) AS "ci_low",
  GREATEST(
    GREATEST(
      (
        CAST((
          (
            CAST("t33"."ordered" AS DOUBLE PRECISION) / CASE
              WHEN "t33"."members" > 0
              THEN CAST("t33"."members" AS DOUBLE PRECISION)
              ELSE CAST(NULL AS DOUBLE PRECISION)
            END
          ) + (
            CAST(3.8414588206941254 AS DOUBLE PRECISION) / (
              CASE
                WHEN "t33"."members" > 0
                THEN CAST("t33"."members" AS DOUBLE PRECISION)
                ELSE CAST(NULL AS DOUBLE PRECISION)
              END * 2
            )
          )
        ) AS DOUBLE PRECISION) / (
          (
            CAST(3.8414588206941254 AS DOUBLE PRECISION) / CASE
              WHEN "t33"."members" > 0
              THEN CAST("t33"."members" AS DOUBLE PRECISION)
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
                  CAST("t33"."ordered" AS DOUBLE PRECISION) / CASE
                    WHEN "t33"."members" > 0
                    THEN CAST("t33"."members" AS DOUBLE PRECISION)
                    ELSE CAST(NULL AS DOUBLE PRECISION)
                  END
                ) * (
                  1 - (
                    CAST("t33"."ordered" AS DOUBLE PRECISION) / CASE
                      WHEN "t33"."members" > 0
                      THEN CAST("t33"."members" AS DOUBLE PRECISION)
                      ELSE CAST(NULL AS DOUBLE PRECISION)
                    END
                  )
                )
              ) AS DOUBLE PRECISION) / CASE
                WHEN "t33"."members" > 0
                THEN CAST("t33"."members" AS DOUBLE PRECISION)
                ELSE CAST(NULL AS DOUBLE PRECISION)
              END
            ) + (
              CAST(3.8414588206941254 AS DOUBLE PRECISION) / (
                CASE
                  WHEN "t33"."members" > 0
                  THEN CAST("t33"."members" AS DOUBLE PRECISION)
                  ELSE CAST(NULL AS DOUBLE PRECISION)
                END * 4 * CASE
                  WHEN "t33"."members" > 0
                  THEN CAST("t33"."members" AS DOUBLE PRECISION)
                  ELSE CAST(NULL AS DOUBLE PRECISION)
                END
              )
            )
          ) * 1.959963984540054
        ) AS DOUBLE PRECISION) / (
          (
            CAST(3.8414588206941254 AS DOUBLE PRECISION) / CASE
              WHEN "t33"."members" > 0
              THEN CAST("t33"."members" AS DOUBLE PRECISION)
              ELSE CAST(NULL AS DOUBLE PRECISION)
            END
          ) + 1
        )
      ),
      CAST("t33"."ordered" AS DOUBLE PRECISION) / CASE
        WHEN "t33"."members" > 0
        THEN CAST("t33"."members" AS DOUBLE PRECISION)
        ELSE CAST(NULL AS DOUBLE PRECISION)
      END
    ),
    CAST("t33"."ordered" AS DOUBLE PRECISION) / "t33"."members"
  ) AS "ci_high",
  "t33"."members" AS "n"
FROM (
  SELECT
    "t32"."cohort",
    "t32"."segment",
    "t32"."offset",
    "t32"."members",
    COALESCE("t26"."ordered", 0) AS "ordered",
    COALESCE("t26"."last_seen", 0) AS "last_seen",
    COALESCE("t26"."revenue", 0.0) AS "revenue"
  FROM (
    SELECT
      "t29"."cohort",
      "t29"."segment",
      "t29"."members",
      "t12"."idx" - "t10"."cohort_idx" AS "offset"
    FROM (
      SELECT
        *
      FROM (
        SELECT
          "t26"."cohort",
          "t26"."segment",
          SUM("t26"."joined") AS "members"
        FROM (
          SELECT
            "t24"."cohort",
            "t24"."segment",
            "t24"."joined",
            "t24"."ordered",
            "t24"."last_seen",
            "t24"."revenue",
            "t13"."idx" - "t11"."cohort_idx" AS "offset"
          FROM (
            SELECT
              "t22"."cohort",
              "t22"."segment",
              "t22"."period_start",
              COUNT(*) FILTER(WHERE
                "t22"."previous_day" IS NULL) AS "joined",
              COUNT(*) FILTER(WHERE
                "t22"."opens_period") AS "ordered",
              COUNT(*) FILTER(WHERE
                "t22"."next_day" IS NULL) AS "last_seen",
              SUM("t22"."revenue") AS "revenue"
            FROM (
              SELECT
                "t21"."customer_id",
                "t21"."day",
                "t21"."revenue",
                "t21"."orders",
                "t21"."previous_day",
                "t21"."next_day",
                "t21"."first_day",
                "t21"."period_start",
                "t21"."opens_period",
                "t21"."repeats",
                "t21"."cohort",
                "t21"."segment"
              FROM (
                SELECT
                  "t20"."customer_id",
                  "t20"."day",
                  "t20"."revenue",
                  "t20"."orders",
                  "t20"."previous_day",
                  "t20"."next_day",
                  "t20"."first_day",
                  "t20"."period_start",
                  "t20"."opens_period",
                  "t20"."repeats",
                  "t20"."cohort",
                  "t20"."segment_customer_",
                  "t20"."segment_",
                  COALESCE("t20"."segment_", 'unknown') AS "segment"
                FROM (
                  SELECT
                    "t19"."customer_id",
                    "t19"."day",
                    "t19"."revenue",
                    "t19"."orders",
                    "t19"."previous_day",
                    "t19"."next_day",
                    "t19"."first_day",
                    "t19"."period_start",
                    "t19"."opens_period",
                    "t19"."repeats",
                    "t19"."cohort",
                    "t8"."segment_customer_",
                    "t8"."segment_"
                  FROM (
                    SELECT
                      "t17"."customer_id",
                      "t17"."day",
                      "t17"."revenue",
                      "t17"."orders",
                      "t17"."previous_day",
                      "t17"."next_day",
                      "t17"."first_day",
                      DATE_TRUNC('MONTH', "t17"."day") AS "period_start",
                      (
                        "t17"."previous_day" IS NULL
                      )
                      OR (
                        "t17"."previous_day" < GREATEST(DATE_TRUNC('MONTH', "t17"."day"), MAKE_DATE(2024, 1, 1))
                      ) AS "opens_period",
                      (
                        "t17"."next_day" IS NOT NULL
                      )
                      AND (
                        DATE_TRUNC('MONTH', "t17"."next_day") = DATE_TRUNC('MONTH', "t17"."day")
                      ) AS "repeats",
                      DATE_TRUNC('MONTH', "t17"."first_day") AS "cohort"
                    FROM (
                      SELECT
                        "t16"."customer_id",
                        "t16"."day",
                        "t16"."revenue",
                        "t16"."orders",
                        LAG("t16"."day") OVER (
                          PARTITION BY "t16"."customer_id"
                          ORDER BY "t16"."day" ASC
                          ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                        ) AS "previous_day",
                        LEAD("t16"."day") OVER (
                          PARTITION BY "t16"."customer_id"
                          ORDER BY "t16"."day" ASC
                          ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                        ) AS "next_day",
                        MIN("t16"."day") OVER (
                          PARTITION BY "t16"."customer_id"
                          ORDER BY "t16"."day" ASC
                          ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                        ) AS "first_day"
                      FROM (
                        SELECT
                          "t15"."customer_id",
                          "t15"."day",
                          "t15"."amount" AS "revenue",
                          "t15"."orders"
                        FROM (
                          SELECT
                            "t14"."customer_id",
                            "t14"."day",
                            SUM("t14"."amount") AS "amount",
                            COUNT(*) AS "orders"
                          FROM (
                            SELECT
                              "t9"."order_id",
                              "t9"."customer_id",
                              "t9"."ordered_at",
                              "t9"."amount",
                              "t9"."status",
                              DATE(TIMEZONE('Europe/Amsterdam', "t9"."ordered_at")) AS "day"
                            FROM (
                              SELECT
                                *
                              FROM "orders" AS "t2"
                              WHERE
                                "t2"."status" = 'completed'
                            ) AS "t9"
                          ) AS "t14"
                          GROUP BY
                            1,
                            2
                        ) AS "t15"
                        WHERE
                          "t15"."day" <= MAKE_DATE(2024, 1, 1)
                      ) AS "t16"
                    ) AS "t17"
                    WHERE
                      "t17"."day" BETWEEN MAKE_DATE(2024, 1, 1) AND MAKE_DATE(2024, 1, 1)
                      AND "t17"."first_day" BETWEEN MAKE_DATE(2024, 1, 1) AND MAKE_DATE(2024, 1, 1)
                  ) AS "t19"
                  LEFT OUTER JOIN (
                    SELECT
                      "t1"."customer_id" AS "segment_customer_",
                      "t1"."country" AS "segment_"
                    FROM "customers" AS "t1"
                  ) AS "t8"
                    ON "t19"."customer_id" = "t8"."segment_customer_"
                ) AS "t20"
              ) AS "t21"
            ) AS "t22"
            GROUP BY
              1,
              2,
              3
          ) AS "t24"
          INNER JOIN "t4" AS "t13"
            ON "t24"."period_start" = "t13"."period_start"
          INNER JOIN "t3" AS "t11"
            ON "t24"."cohort" = "t11"."cohort"
        ) AS "t26"
        GROUP BY
          1,
          2
      ) AS "t27"
      WHERE
        "t27"."members" > 0
    ) AS "t29"
    INNER JOIN "t3" AS "t10"
      ON "t29"."cohort" = "t10"."cohort"
    INNER JOIN "t4" AS "t12"
      ON "t12"."idx" >= "t10"."cohort_idx"
  ) AS "t32"
  LEFT OUTER JOIN (
    SELECT
      "t24"."cohort",
      "t24"."segment",
      "t24"."joined",
      "t24"."ordered",
      "t24"."last_seen",
      "t24"."revenue",
      "t13"."idx" - "t11"."cohort_idx" AS "offset"
    FROM (
      SELECT
        "t22"."cohort",
        "t22"."segment",
        "t22"."period_start",
        COUNT(*) FILTER(WHERE
          "t22"."previous_day" IS NULL) AS "joined",
        COUNT(*) FILTER(WHERE
          "t22"."opens_period") AS "ordered",
        COUNT(*) FILTER(WHERE
          "t22"."next_day" IS NULL) AS "last_seen",
        SUM("t22"."revenue") AS "revenue"
      FROM (
        SELECT
          "t21"."customer_id",
          "t21"."day",
          "t21"."revenue",
          "t21"."orders",
          "t21"."previous_day",
          "t21"."next_day",
          "t21"."first_day",
          "t21"."period_start",
          "t21"."opens_period",
          "t21"."repeats",
          "t21"."cohort",
          "t21"."segment"
        FROM (
          SELECT
            "t20"."customer_id",
            "t20"."day",
            "t20"."revenue",
            "t20"."orders",
            "t20"."previous_day",
            "t20"."next_day",
            "t20"."first_day",
            "t20"."period_start",
            "t20"."opens_period",
            "t20"."repeats",
            "t20"."cohort",
            "t20"."segment_customer_",
            "t20"."segment_",
            COALESCE("t20"."segment_", 'unknown') AS "segment"
          FROM (
            SELECT
              "t19"."customer_id",
              "t19"."day",
              "t19"."revenue",
              "t19"."orders",
              "t19"."previous_day",
              "t19"."next_day",
              "t19"."first_day",
              "t19"."period_start",
              "t19"."opens_period",
              "t19"."repeats",
              "t19"."cohort",
              "t8"."segment_customer_",
              "t8"."segment_"
            FROM (
              SELECT
                "t17"."customer_id",
                "t17"."day",
                "t17"."revenue",
                "t17"."orders",
                "t17"."previous_day",
                "t17"."next_day",
                "t17"."first_day",
                DATE_TRUNC('MONTH', "t17"."day") AS "period_start",
                (
                  "t17"."previous_day" IS NULL
                )
                OR (
                  "t17"."previous_day" < GREATEST(DATE_TRUNC('MONTH', "t17"."day"), MAKE_DATE(2024, 1, 1))
                ) AS "opens_period",
                (
                  "t17"."next_day" IS NOT NULL
                )
                AND (
                  DATE_TRUNC('MONTH', "t17"."next_day") = DATE_TRUNC('MONTH', "t17"."day")
                ) AS "repeats",
                DATE_TRUNC('MONTH', "t17"."first_day") AS "cohort"
              FROM (
                SELECT
                  "t16"."customer_id",
                  "t16"."day",
                  "t16"."revenue",
                  "t16"."orders",
                  LAG("t16"."day") OVER (
                    PARTITION BY "t16"."customer_id"
                    ORDER BY "t16"."day" ASC
                    ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                  ) AS "previous_day",
                  LEAD("t16"."day") OVER (
                    PARTITION BY "t16"."customer_id"
                    ORDER BY "t16"."day" ASC
                    ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                  ) AS "next_day",
                  MIN("t16"."day") OVER (
                    PARTITION BY "t16"."customer_id"
                    ORDER BY "t16"."day" ASC
                    ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                  ) AS "first_day"
                FROM (
                  SELECT
                    "t15"."customer_id",
                    "t15"."day",
                    "t15"."amount" AS "revenue",
                    "t15"."orders"
                  FROM (
                    SELECT
                      "t14"."customer_id",
                      "t14"."day",
                      SUM("t14"."amount") AS "amount",
                      COUNT(*) AS "orders"
                    FROM (
                      SELECT
                        "t9"."order_id",
                        "t9"."customer_id",
                        "t9"."ordered_at",
                        "t9"."amount",
                        "t9"."status",
                        DATE(TIMEZONE('Europe/Amsterdam', "t9"."ordered_at")) AS "day"
                      FROM (
                        SELECT
                          *
                        FROM "orders" AS "t2"
                        WHERE
                          "t2"."status" = 'completed'
                      ) AS "t9"
                    ) AS "t14"
                    GROUP BY
                      1,
                      2
                  ) AS "t15"
                  WHERE
                    "t15"."day" <= MAKE_DATE(2024, 1, 1)
                ) AS "t16"
              ) AS "t17"
              WHERE
                "t17"."day" BETWEEN MAKE_DATE(2024, 1, 1) AND MAKE_DATE(2024, 1, 1)
                AND "t17"."first_day" BETWEEN MAKE_DATE(2024, 1, 1) AND MAKE_DATE(2024, 1, 1)
            ) AS "t19"
            LEFT OUTER JOIN (
              SELECT
                "t1"."customer_id" AS "segment_customer_",
                "t1"."country" AS "segment_"
              FROM "customers" AS "t1"
            ) AS "t8"
              ON "t19"."customer_id" = "t8"."segment_customer_"
          ) AS "t20"
        ) AS "t21"
      ) AS "t22"
      GROUP BY
        1,
        2,
        3
    ) AS "t24"
    INNER JOIN "t4" AS "t13"
      ON "t24"."period_start" = "t13"."period_start"
    INNER JOIN "t3" AS "t11"
      ON "t24"."cohort" = "t11"."cohort"
  ) AS "t26"
    ON "t32"."cohort" = "t26"."cohort"
    AND "t32"."segment" = "t26"."segment"
    AND "t32"."offset" = "t26"."offset"
) AS "t33"
WHERE
  "t33"."offset" = 1
