namespace Elumenta.Core.Storage;

/// <summary>
/// The SQL that differs between SQLite and PostgreSQL, kept in one place. Everything else is written once in
/// the common subset (<c>ON CONFLICT … DO NOTHING</c>, <c>RETURNING</c>, <c>COALESCE</c>, <c>CASE</c>).
/// </summary>
public sealed class SqlDialect(StoreProvider provider)
{
    public bool IsPostgres => provider == StoreProvider.Postgres;

    /// <summary>Row locks a queue claim skips rather than waits for (PostgreSQL); SQLite's writes are serial already.</summary>
    public string ForUpdateSkipLocked => IsPostgres ? "FOR UPDATE SKIP LOCKED" : "";

    /// <summary>
    /// <paramref name="column"/> is one of the values of list parameter <paramref name="param"/> (an array): Dapper
    /// expands <c>IN @list</c> for SQLite but passes the array whole to PostgreSQL.
    /// </summary>
    public string InList(string column, string param) => IsPostgres ? $"{column} = ANY({param})" : $"{column} IN {param}";

    /// <summary>The larger of two values (SQLite's two-argument <c>MAX</c>, PostgreSQL's <c>GREATEST</c>).</summary>
    public string Greatest(string a, string b) => IsPostgres ? $"GREATEST({a}, {b})" : $"MAX({a}, {b})";

    /// <summary>The smaller of two values.</summary>
    public string Least(string a, string b) => IsPostgres ? $"LEAST({a}, {b})" : $"MIN({a}, {b})";

    /// <summary>ASCII case-insensitive equality that uses the column's index (SQLite: NOCASE; PostgreSQL: <c>lower()</c>).</summary>
    public string EqualsIgnoreCase(string column, string param) => IsPostgres
        ? $"lower({column}) = lower({param})"
        : $"{column} = {param} COLLATE NOCASE";

    /// <summary>
    /// <paramref name="column"/> (a JSON object as text) with top-level key <paramref name="keyParam"/> set to the JSON
    /// text <paramref name="jsonParam"/>; a column that holds no JSON object starts from <c>{}</c>.
    /// </summary>
    public string JsonSetKey(string column, string keyParam, string jsonParam) => IsPostgres
        ? $"jsonb_set({JsonBase(column)}, ARRAY[{keyParam}], ({jsonParam})::jsonb, true)::text"
        : $"json_set({JsonBase(column)}, {SqlitePath(keyParam)}, json({jsonParam}))";

    /// <summary><paramref name="column"/> without top-level key <paramref name="keyParam"/>.</summary>
    public string JsonRemoveKey(string column, string keyParam) => IsPostgres
        ? $"({JsonBase(column)} - {keyParam})::text"
        : $"json_remove({JsonBase(column)}, {SqlitePath(keyParam)})";

    private string JsonBase(string column) => IsPostgres
        ? $"(CASE WHEN {column} IS NULL OR {column} = '' THEN '{{}}' ELSE {column} END)::jsonb"
        : $"CASE WHEN json_valid({column}) THEN {column} ELSE '{{}}' END";

    private static string SqlitePath(string keyParam) => $"'$.\"' || {keyParam} || '\"'";
}
