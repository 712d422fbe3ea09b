using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Elumenta.Core.Storage;

/// <summary>
/// Which rows of watched tables this process's writes touched, told to the watchers once each write batch has
/// ended (committed or rolled back), before any writer hears back. Read caches use it to drop what a write made
/// stale. SQLite's update hook reports every changed row of a rowid table on the writing connection.
/// </summary>
public sealed class RowChanges
{
    private readonly Dictionary<string, Action<IReadOnlyCollection<long>>> _watchers = new(StringComparer.Ordinal);
    private readonly Lock _sync = new();

    public void Watch(string table, Action<IReadOnlyCollection<long>> changed)
    {
        lock (_sync)
        {
            _watchers[table] = _watchers.TryGetValue(table, out var existing) ? existing + changed : changed;
        }
    }

    internal Batch Begin(SqliteConnection connection)
    {
        string[] tables;
        lock (_sync)
        {
            tables = [.. _watchers.Keys];
        }

        return new Batch(this, connection, tables);
    }

    private void Notify(Dictionary<string, HashSet<long>> changed)
    {
        foreach (var (table, rows) in changed)
        {
            Action<IReadOnlyCollection<long>>? watcher;
            lock (_sync)
            {
                _watchers.TryGetValue(table, out watcher);
            }

            watcher?.Invoke(rows);
        }
    }

    internal sealed class Batch : IDisposable
    {
        private readonly RowChanges _owner;
        private readonly SqliteConnection _connection;
        private readonly string[] _tables;
        private readonly Dictionary<string, HashSet<long>> _changed = new(StringComparer.Ordinal);

        public Batch(RowChanges owner, SqliteConnection connection, string[] tables)
        {
            _owner = owner;
            _connection = connection;
            _tables = tables;
            if (tables.Length > 0)
            {
                raw.sqlite3_update_hook(connection.Handle, OnRowChanged, null);
            }
        }

        private void OnRowChanged(object user, int type, string database, string table, long rowId)
        {
            if (Array.IndexOf(_tables, table) >= 0)
            {
                (_changed.TryGetValue(table, out var rows) ? rows : _changed[table] = []).Add(rowId);
            }
        }

        /// <summary>Tells the watchers; call after the commit or rollback, before the writers are answered.</summary>
        public void Dispose()
        {
            if (_tables.Length == 0)
            {
                return;
            }

            raw.sqlite3_update_hook(_connection.Handle, (strdelegate_update?)null, null);
            if (_changed.Count > 0)
            {
                _owner.Notify(_changed);
            }
        }
    }
}
