namespace CityMatrix.Silo.Metrics;

/// <summary>One counter row: an account and a city day (yyyymmdd) or a month's total (yyyymm00).</summary>
public readonly record struct CounterKey(string AccountId, int Day) : IComparable<CounterKey>
{
    public int CompareTo(CounterKey other)
    {
        var byAccount = string.CompareOrdinal(AccountId, other.AccountId);
        return byAccount != 0 ? byAccount : Day.CompareTo(other.Day);
    }
}
