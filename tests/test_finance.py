"""Investment capacity from the financial analysis."""

from pac.domain.finance import YearFigures, capacity_for_years


def test_surplus_and_capacity() -> None:
    f = YearFigures(
        2023,
        own_revenues=1_000_000,
        vat_share=4_000_000,
        other_transfers=500_000,
        operating_expenses=3_500_000,
        debt_service=300_000,
    )
    assert f.revenues == 5_500_000
    assert f.surplus == 2_000_000
    assert f.investment_capacity == 1_700_000
    assert YearFigures(2023, capacity_override=900_000).investment_capacity == 900_000


def test_capacity_for_plan_years_uses_actuals_forecasts_then_mean_of_last_three() -> None:
    history = [
        YearFigures(y, own_revenues=c) for y, c in [(2019, 100), (2020, 200), (2021, 300), (2022, 400)]
    ]
    history.append(YearFigures(2024, own_revenues=1000, is_forecast=True))
    est = capacity_for_years(history, [2022, 2023, 2024])
    assert (est[2022].amount, est[2022].basis) == (400, "actual")
    assert (est[2023].amount, est[2023].basis) == (300, "average")  # mean of 2020-2022
    assert (est[2024].amount, est[2024].basis) == (1000, "forecast")
    assert capacity_for_years([], [2025])[2025].basis == "none"
