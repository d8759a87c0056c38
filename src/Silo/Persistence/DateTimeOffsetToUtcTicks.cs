using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace CityMatrix.Silo.Persistence;

/// <summary>Stores a DateTimeOffset as UTC ticks (SQLite only), so comparisons and ORDER BY work in SQL.</summary>
public sealed class DateTimeOffsetToUtcTicks()
    : ValueConverter<DateTimeOffset, long>(v => v.UtcTicks, v => new DateTimeOffset(v, TimeSpan.Zero));

public sealed class NullableDateTimeOffsetToUtcTicks()
    : ValueConverter<DateTimeOffset?, long?>(
        v => v.HasValue ? v.Value.UtcTicks : null,
        v => v.HasValue ? new DateTimeOffset(v.Value, TimeSpan.Zero) : null);

/// <summary>Normalises to UTC (PostgreSQL timestamptz accepts only offset 0 from Npgsql).</summary>
public sealed class DateTimeOffsetToUtc()
    : ValueConverter<DateTimeOffset, DateTimeOffset>(v => v.ToUniversalTime(), v => v);

public sealed class NullableDateTimeOffsetToUtc()
    : ValueConverter<DateTimeOffset?, DateTimeOffset?>(v => v.HasValue ? v.Value.ToUniversalTime() : null, v => v);
