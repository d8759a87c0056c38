using System.Collections;
using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace CityMatrix.Silo.Persistence;

/// <summary>
/// A data reader over a statement <see cref="SqliteStatementCache"/> keeps compiled: reads its rows as
/// Microsoft.Data.Sqlite's reader reads them (the same conversions of SQLite's values to .NET types), and on close
/// resets the statement for its next run instead of dropping it.
/// </summary>
internal sealed class SqliteStatementReader : DbDataReader
{
    private readonly sqlite3 _connection;
    private readonly CachedStatement _cached;
    private readonly sqlite3_stmt _statement;
    private readonly int _fieldCount;
    private readonly int _lease;
    // The first row is stepped when the reader is made (so HasRows is known, and an error surfaces at execution, as in
    // Microsoft.Data.Sqlite); Read then hands out that row before stepping again.
    private bool _firstRowPending;
    private bool _onRow;
    private bool _done;
    private bool _closed;

    public SqliteStatementReader(sqlite3 connection, CachedStatement cached)
    {
        _connection = connection;
        _cached = cached;
        _statement = cached.Statement;
        _lease = cached.Take();
        try
        {
            _fieldCount = raw.sqlite3_column_count(_statement);
            HasRows = _firstRowPending = Step();
        }
        catch
        {
            Close();
            throw;
        }
    }

    public override bool HasRows { get; }

    public override int FieldCount => _fieldCount;

    public override int Depth => 0;

    public override bool IsClosed => _closed;

    public override int RecordsAffected => -1;

    public override object this[int ordinal] => GetValue(ordinal);

    public override object this[string name] => GetValue(GetOrdinal(name));

    public override bool Read()
    {
        ObjectDisposedException.ThrowIf(_closed, this);
        if (_firstRowPending)
        {
            _firstRowPending = false;
            _onRow = true;
            return true;
        }
        _onRow = !_done && Step();
        return _onRow;
    }

    public override Task<bool> ReadAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Read() ? TrueTask : FalseTask;
    }

    private static readonly Task<bool> TrueTask = Task.FromResult(true);
    private static readonly Task<bool> FalseTask = Task.FromResult(false);

    public override bool NextResult() => false;

    public override Task<bool> NextResultAsync(CancellationToken cancellationToken) => FalseTask;

    public override void Close()
    {
        if (_closed) return;
        _closed = true;
        _onRow = false;
        _cached.Release(_lease);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) Close();
        base.Dispose(disposing);
    }

    private bool Step()
    {
        // A busy database was waited for by SQLite itself (busy_timeout is set on every connection).
        var rc = raw.sqlite3_step(_statement);
        if (rc == raw.SQLITE_ROW) return true;
        _done = true;
        if (rc == raw.SQLITE_DONE) return false;
        throw new SqliteException(raw.sqlite3_errmsg(_connection).utf8_to_string(), rc, raw.sqlite3_extended_errcode(_connection));
    }

    private int TypeOf(int ordinal)
    {
        if (!_onRow) throw new InvalidOperationException("No row is being read.");
        if ((uint)ordinal >= (uint)_fieldCount) throw new ArgumentOutOfRangeException(nameof(ordinal), ordinal, null);
        return raw.sqlite3_column_type(_statement, ordinal);
    }

    public override bool IsDBNull(int ordinal) => TypeOf(ordinal) == raw.SQLITE_NULL;

    public override Task<bool> IsDBNullAsync(int ordinal, CancellationToken cancellationToken) => IsDBNull(ordinal) ? TrueTask : FalseTask;

    public override string GetName(int ordinal)
    {
        if ((uint)ordinal >= (uint)_fieldCount) throw new ArgumentOutOfRangeException(nameof(ordinal), ordinal, null);
        return raw.sqlite3_column_name(_statement, ordinal).utf8_to_string();
    }

    public override int GetOrdinal(string name)
    {
        for (var i = 0; i < _fieldCount; i++)
        {
            if (GetName(i) == name) return i;
        }
        for (var i = 0; i < _fieldCount; i++)
        {
            if (string.Equals(GetName(i), name, StringComparison.OrdinalIgnoreCase)) return i;
        }
        throw new ArgumentOutOfRangeException(nameof(name), name, null);
    }

    public override string GetDataTypeName(int ordinal)
    {
        var declared = raw.sqlite3_column_decltype(_statement, ordinal).utf8_to_string();
        if (!string.IsNullOrEmpty(declared)) return declared;
        return TypeOf(ordinal) switch
        {
            raw.SQLITE_INTEGER => "INTEGER",
            raw.SQLITE_FLOAT => "REAL",
            raw.SQLITE_BLOB => "BLOB",
            _ => "TEXT",
        };
    }

    public override Type GetFieldType(int ordinal) => (_onRow ? TypeOf(ordinal) : raw.SQLITE_NULL) switch
    {
        raw.SQLITE_INTEGER => typeof(long),
        raw.SQLITE_FLOAT => typeof(double),
        raw.SQLITE_TEXT => typeof(string),
        raw.SQLITE_BLOB => typeof(byte[]),
        // No value to go by: the declared type's affinity, as SQLite gives it.
        _ => DeclaredType(raw.sqlite3_column_decltype(_statement, ordinal).utf8_to_string()),
    };

    private static Type DeclaredType(string? declared)
    {
        var type = declared?.ToUpperInvariant() ?? "";
        if (type.Contains("INT", StringComparison.Ordinal)) return typeof(long);
        if (type.Contains("CHAR", StringComparison.Ordinal) || type.Contains("CLOB", StringComparison.Ordinal) || type.Contains("TEXT", StringComparison.Ordinal)) return typeof(string);
        if (type.Length == 0 || type.Contains("BLOB", StringComparison.Ordinal)) return typeof(byte[]);
        if (type.Contains("REAL", StringComparison.Ordinal) || type.Contains("FLOA", StringComparison.Ordinal) || type.Contains("DOUB", StringComparison.Ordinal)) return typeof(double);
        return typeof(string);
    }

    private void ThrowIfNull(int ordinal)
    {
        if (IsDBNull(ordinal)) throw new InvalidOperationException($"The value of column '{GetName(ordinal)}' is NULL.");
    }

    public override long GetInt64(int ordinal)
    {
        ThrowIfNull(ordinal);
        return raw.sqlite3_column_int64(_statement, ordinal);
    }

    public override int GetInt32(int ordinal) => checked((int)GetInt64(ordinal));

    public override short GetInt16(int ordinal) => checked((short)GetInt64(ordinal));

    public override byte GetByte(int ordinal) => checked((byte)GetInt64(ordinal));

    public override bool GetBoolean(int ordinal) => GetInt64(ordinal) != 0;

    public override double GetDouble(int ordinal)
    {
        ThrowIfNull(ordinal);
        return raw.sqlite3_column_double(_statement, ordinal);
    }

    public override float GetFloat(int ordinal) => (float)GetDouble(ordinal);

    public override string GetString(int ordinal)
    {
        ThrowIfNull(ordinal);
        return raw.sqlite3_column_text(_statement, ordinal).utf8_to_string();
    }

    public override decimal GetDecimal(int ordinal) =>
        decimal.Parse(GetString(ordinal), NumberStyles.Number | NumberStyles.AllowExponent, CultureInfo.InvariantCulture);

    public override char GetChar(int ordinal)
    {
        if (TypeOf(ordinal) == raw.SQLITE_TEXT && GetString(ordinal) is { Length: 1 } text) return text[0];
        return checked((char)GetInt64(ordinal));
    }

    public override Guid GetGuid(int ordinal)
    {
        if (TypeOf(ordinal) != raw.SQLITE_BLOB) return new Guid(GetString(ordinal));
        var bytes = GetBlob(ordinal);
        return bytes.Length == 16 ? new Guid(bytes) : new Guid(System.Text.Encoding.UTF8.GetString(bytes));
    }

    // Dates and times stored as text, as EF's SQLite mappings write them (this model stores instants as ticks);
    // a numeric date (Julian day) is refused rather than read differently from Microsoft.Data.Sqlite.
    public override DateTime GetDateTime(int ordinal) => DateTime.Parse(TextDate(ordinal), CultureInfo.InvariantCulture);

    private DateTimeOffset GetDateTimeOffset(int ordinal) => DateTimeOffset.Parse(TextDate(ordinal), CultureInfo.InvariantCulture);

    private DateOnly GetDateOnly(int ordinal) => DateOnly.Parse(TextDate(ordinal), CultureInfo.InvariantCulture);

    private TimeOnly GetTimeOnly(int ordinal) => TimeOnly.Parse(TextDate(ordinal), CultureInfo.InvariantCulture);

    private TimeSpan GetTimeSpan(int ordinal) => TimeSpan.Parse(TextDate(ordinal), CultureInfo.InvariantCulture);

    private string TextDate(int ordinal) => TypeOf(ordinal) is raw.SQLITE_INTEGER or raw.SQLITE_FLOAT
        ? throw new InvalidCastException($"Column '{GetName(ordinal)}' holds a number where a date or time was asked for.")
        : GetString(ordinal);

    private byte[] GetBlob(int ordinal)
    {
        ThrowIfNull(ordinal);
        return raw.sqlite3_column_blob(_statement, ordinal).ToArray();
    }

    public override long GetBytes(int ordinal, long dataOffset, byte[]? buffer, int bufferOffset, int length)
    {
        var blob = GetBlob(ordinal);
        if (buffer is null) return blob.Length;
        var count = (int)Math.Max(0, Math.Min(length, blob.Length - dataOffset));
        Array.Copy(blob, dataOffset, buffer, bufferOffset, count);
        return count;
    }

    public override long GetChars(int ordinal, long dataOffset, char[]? buffer, int bufferOffset, int length)
    {
        var text = GetString(ordinal);
        if (buffer is null) return text.Length;
        var count = (int)Math.Max(0, Math.Min(length, text.Length - dataOffset));
        text.CopyTo((int)dataOffset, buffer, bufferOffset, count);
        return count;
    }

    public override object GetValue(int ordinal) => TypeOf(ordinal) switch
    {
        raw.SQLITE_INTEGER => raw.sqlite3_column_int64(_statement, ordinal),
        raw.SQLITE_FLOAT => raw.sqlite3_column_double(_statement, ordinal),
        raw.SQLITE_TEXT => raw.sqlite3_column_text(_statement, ordinal).utf8_to_string(),
        raw.SQLITE_BLOB => GetBlob(ordinal),
        _ => DBNull.Value,
    };

    public override int GetValues(object[] values)
    {
        var count = Math.Min(values.Length, _fieldCount);
        for (var i = 0; i < count; i++) values[i] = GetValue(i);
        return count;
    }

    public override T GetFieldValue<T>(int ordinal)
    {
        // As Microsoft.Data.Sqlite: a NULL is DBNull as an object and refused as anything else, nullable types included
        // (EF asks IsDBNull first).
        if (IsDBNull(ordinal))
        {
            return typeof(T) == typeof(DBNull) || typeof(T) == typeof(object)
                ? (T)(object)DBNull.Value
                : throw new InvalidOperationException($"The value of column '{GetName(ordinal)}' is NULL.");
        }
        return (T)ValueAs(Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T), ordinal);
    }

    public override Task<T> GetFieldValueAsync<T>(int ordinal, CancellationToken cancellationToken) => Task.FromResult(GetFieldValue<T>(ordinal));

    private object ValueAs(Type type, int ordinal)
    {
        if (type == typeof(string)) return GetString(ordinal);
        if (type == typeof(long)) return GetInt64(ordinal);
        if (type == typeof(int)) return GetInt32(ordinal);
        if (type == typeof(bool)) return GetBoolean(ordinal);
        if (type == typeof(double)) return GetDouble(ordinal);
        if (type == typeof(float)) return GetFloat(ordinal);
        if (type == typeof(short)) return GetInt16(ordinal);
        if (type == typeof(byte)) return GetByte(ordinal);
        if (type == typeof(decimal)) return GetDecimal(ordinal);
        if (type == typeof(char)) return GetChar(ordinal);
        if (type == typeof(byte[])) return GetBlob(ordinal);
        if (type == typeof(Guid)) return GetGuid(ordinal);
        if (type == typeof(DateTime)) return GetDateTime(ordinal);
        if (type == typeof(DateTimeOffset)) return GetDateTimeOffset(ordinal);
        if (type == typeof(DateOnly)) return GetDateOnly(ordinal);
        if (type == typeof(TimeOnly)) return GetTimeOnly(ordinal);
        if (type == typeof(TimeSpan)) return GetTimeSpan(ordinal);
        if (type == typeof(object)) return GetValue(ordinal);
        throw new InvalidCastException($"The statement cache reads no {type.Name} (column '{GetName(ordinal)}').");
    }

    public override IEnumerator GetEnumerator() => new DbEnumerator(this, closeReader: false);
}
