using System.Globalization;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace CityMatrix.Silo.Persistence;

/// <summary>
/// One SELECT compiled on a native SQLite connection and kept there by <see cref="SqliteStatementCache"/>, with its
/// parameters' positions by name. Used by one reader at a time (<see cref="InUse"/>); the connection's one thread at a
/// time sees it.
/// </summary>
internal sealed class CachedStatement
{
    private static readonly char[] Prefixes = ['@', '$', ':'];

    private readonly Dictionary<string, int> _positions;
    private readonly bool[] _bound;

    private CachedStatement(sqlite3_stmt statement, Dictionary<string, int> positions, int parameters)
    {
        Statement = statement;
        _positions = positions;
        _bound = new bool[parameters];
    }

    public sqlite3_stmt Statement { get; }

    /// <summary>Whether a reader is reading it now.</summary>
    public bool InUse { get; private set; }

    // Which reader holds it: a reader released once must never reset the statement again, when another may hold it.
    private int _lease;

    /// <summary>Hands the statement to a reader; the number given is the reader's to <see cref="Release"/> it with.</summary>
    public int Take()
    {
        InUse = true;
        return ++_lease;
    }

    /// <summary>The statement compiled, or null when it is not one read-only statement (those run the ordinary way).</summary>
    public static CachedStatement? Compile(sqlite3 connection, string sql)
    {
        var rc = raw.sqlite3_prepare_v3(connection, sql, raw.SQLITE_PREPARE_PERSISTENT, out var statement, out var tail);
        if (rc != raw.SQLITE_OK || statement.IsInvalid)
        {
            // Microsoft.Data.Sqlite compiles it again and reports the error as it always has.
            statement.Dispose();
            return null;
        }
        if (!string.IsNullOrWhiteSpace(tail) || raw.sqlite3_stmt_readonly(statement) == 0)
        {
            statement.Dispose();
            return null;
        }
        var count = raw.sqlite3_bind_parameter_count(statement);
        var positions = new Dictionary<string, int>(count, StringComparer.Ordinal);
        for (var i = 1; i <= count; i++)
        {
            var name = raw.sqlite3_bind_parameter_name(statement, i).utf8_to_string();
            // Nameless (?) parameters are bound by Microsoft.Data.Sqlite's rules, not ours.
            if (string.IsNullOrEmpty(name) || !positions.TryAdd(name, i))
            {
                statement.Dispose();
                return null;
            }
        }
        return new CachedStatement(statement, positions, count);
    }

    /// <summary>
    /// Binds the command's parameters as Microsoft.Data.Sqlite would (by name, with or without the prefix), or binds
    /// nothing and returns false when one of them is not bound exactly so here, or a statement parameter is left unbound.
    /// </summary>
    public bool TryBind(SqliteParameterCollection parameters)
    {
        Array.Clear(_bound);
        var bound = 0;
        foreach (SqliteParameter parameter in parameters)
        {
            var position = PositionOf(parameter.ParameterName);
            if (position == 0) continue;
            if (!Bindable(parameter)) return Unbind();
            if (_bound[position - 1]) return Unbind();
            // A value SQLite refuses (too big): Microsoft.Data.Sqlite reports it its own way.
            if (Bind(position, parameter.Value!) != raw.SQLITE_OK) return Unbind();
            _bound[position - 1] = true;
            bound++;
        }
        return bound == _bound.Length || Unbind();
    }

    /// <summary>Ready for the next run (no row held, so no read transaction, and no values kept), if the reader still holds it.</summary>
    public void Release(int lease)
    {
        if (!InUse || lease != _lease) return;
        raw.sqlite3_reset(Statement);
        raw.sqlite3_clear_bindings(Statement);
        InUse = false;
    }

    private bool Unbind()
    {
        raw.sqlite3_clear_bindings(Statement);
        return false;
    }

    private int PositionOf(string name)
    {
        if (string.IsNullOrEmpty(name)) return 0;
        if (_positions.TryGetValue(name, out var position)) return position;
        if (Array.IndexOf(Prefixes, name[0]) >= 0) return 0;
        var found = 0;
        foreach (var prefix in Prefixes)
        {
            if (!_positions.TryGetValue(prefix + name, out var candidate)) continue;
            // Ambiguous: Microsoft.Data.Sqlite throws; let it.
            if (found != 0) return 0;
            found = candidate;
        }
        return found;
    }

    // The values EF's SQLite mappings produce for reads; their SQLite type as Microsoft.Data.Sqlite infers it, and no
    // size that would truncate. Anything else goes the ordinary way.
    private static bool Bindable(SqliteParameter parameter) => parameter.Value switch
    {
        null => false,
        DBNull => true,
        string text => parameter.SqliteType == SqliteType.Text && Untruncated(parameter.Size, text.Length),
        long or int or short or byte or bool => parameter.SqliteType == SqliteType.Integer,
        double real => parameter.SqliteType == SqliteType.Real && !double.IsNaN(real),
        byte[] blob => parameter.SqliteType == SqliteType.Blob && Untruncated(parameter.Size, blob.Length),
        DateOnly => parameter.SqliteType == SqliteType.Text,
        _ => false,
    };

    // Microsoft.Data.Sqlite cuts a text or blob to a Size set below its length (-1: no limit; unset reads as the length).
    private static bool Untruncated(int size, int length) => size == -1 || size >= length;

    private int Bind(int position, object value) =>
        value switch
        {
            DBNull => raw.sqlite3_bind_null(Statement, position),
            string text => raw.sqlite3_bind_text(Statement, position, text),
            long number => raw.sqlite3_bind_int64(Statement, position, number),
            int number => raw.sqlite3_bind_int64(Statement, position, number),
            short number => raw.sqlite3_bind_int64(Statement, position, number),
            byte number => raw.sqlite3_bind_int64(Statement, position, number),
            bool flag => raw.sqlite3_bind_int64(Statement, position, flag ? 1 : 0),
            double real => raw.sqlite3_bind_double(Statement, position, real),
            byte[] blob => raw.sqlite3_bind_blob(Statement, position, blob),
            // As Microsoft.Data.Sqlite writes a DateOnly bound as text (and EF's SQLite mapping stores it).
            DateOnly day => raw.sqlite3_bind_text(Statement, position, day.ToString(@"yyyy\-MM\-dd", CultureInfo.InvariantCulture)),
            _ => throw new InvalidOperationException($"No binding for {value.GetType().Name}; Bindable should have refused it."),
        };
}
