using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Data.Sqlite;

namespace Elumenta.Core.Storage;

/// <summary>
/// A long-lived SQLite connection whose commands keep their prepared statements between uses. Dapper makes a new
/// command for every call and disposes it, so SQLite parsed and planned the same few dozen statements on every
/// write (most of a write's CPU). Here a command created through the connection (what Dapper does) is a thin
/// stand-in that, once it is told its SQL, borrows the prepared <see cref="SqliteCommand"/> kept for that text and
/// gives it back, statements intact, when disposed. Microsoft.Data.Sqlite keeps a command's statements while its
/// text and connection stay the same; it has no cache across commands, hence this one.
/// </summary>
internal sealed class CachingSqliteConnection(string connectionString) : SqliteConnection(connectionString)
{
    // Every SQL text of the code base is a constant or built from a few fixed shapes; the bound only keeps an
    // unexpected generator of distinct texts (an IN list per size) from growing the cache without end.
    private const int MaxCached = 512;
    private readonly Dictionary<string, Stack<SqliteCommand>> _idle = new(StringComparer.Ordinal);
    private int _cached;

    protected override DbCommand CreateDbCommand() => new LeasedCommand(this);

    private SqliteCommand Rent(string text)
    {
        if (_idle.TryGetValue(text, out var idle) && idle.TryPop(out var command))
        {
            return command;
        }

        return new SqliteCommand(text, this);
    }

    private void Return(SqliteCommand command)
    {
        command.Parameters.Clear();
        command.Transaction = null;
        if (!_idle.TryGetValue(command.CommandText, out var idle))
        {
            if (_cached >= MaxCached)
            {
                command.Dispose();
                return;
            }

            _idle[command.CommandText] = idle = new Stack<SqliteCommand>(1);
            _cached++;
        }

        idle.Push(command);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            foreach (var command in _idle.Values.SelectMany(s => s))
            {
                command.Dispose();
            }

            _idle.Clear();
        }

        base.Dispose(disposing);
    }

    /// <summary>What Dapper holds: forwards to the borrowed command, which is chosen when the SQL is set.</summary>
    private sealed class LeasedCommand(CachingSqliteConnection owner) : DbCommand
    {
        private SqliteCommand? _inner;
        private DbTransaction? _transaction;
        private int? _timeout;

        private SqliteCommand Inner => _inner ??= owner.Rent(string.Empty);

        [AllowNull]
        public override string CommandText
        {
            get => _inner?.CommandText ?? string.Empty;
            set
            {
                if (_inner is not null && _inner.CommandText == (value ?? string.Empty))
                {
                    return;
                }

                // Dapper rewrites the text after adding parameters when it expands a list (`IN @ids`): they move along.
                SqliteParameter[] added = [];
                if (_inner is not null)
                {
                    added = [.. _inner.Parameters.Cast<SqliteParameter>()];
                    owner.Return(_inner);
                }

                _inner = owner.Rent(value ?? string.Empty);
                _inner.Parameters.AddRange(added);
            }
        }

        public override int CommandTimeout { get => _timeout ?? Inner.CommandTimeout; set => _timeout = value; }

        public override CommandType CommandType { get => CommandType.Text; set => Inner.CommandType = value; }

        public override bool DesignTimeVisible { get; set; }

        public override UpdateRowSource UpdatedRowSource { get; set; }

        protected override DbConnection? DbConnection { get => owner; set => throw new NotSupportedException("A cached command stays on its connection."); }

        protected override DbParameterCollection DbParameterCollection => Inner.Parameters;

        protected override DbTransaction? DbTransaction { get => _transaction; set => _transaction = value; }

        public override void Cancel() => _inner?.Cancel();

        public override int ExecuteNonQuery() => Ready().ExecuteNonQuery();

        public override object? ExecuteScalar() => Ready().ExecuteScalar();

        public override void Prepare() => Ready().Prepare();

        protected override DbParameter CreateDbParameter() => new SqliteParameter();

        protected override DbDataReader ExecuteDbDataReader(CommandBehavior behavior) => Ready().ExecuteReader(behavior);

        private SqliteCommand Ready()
        {
            var inner = Inner;
            inner.Transaction = (SqliteTransaction?)_transaction;
            inner.CommandTimeout = _timeout ?? owner.DefaultTimeout;
            return inner;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing && _inner is not null)
            {
                owner.Return(_inner);
                _inner = null;
            }

            base.Dispose(disposing);
        }
    }
}
