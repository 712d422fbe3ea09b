using System.Data.Common;

namespace Elumenta.Core.Storage;

internal sealed partial class WriteBatcher
{
    private abstract class WriteOperation(bool synced)
    {
        public bool Synced { get; } = synced;

        public abstract bool CancelIfRequested();

        public abstract Task RunAsync(DbConnection connection, DbTransaction transaction);

        public abstract void Succeed();

        public abstract void Fail(Exception ex);
    }

    private sealed class WriteOperation<T>(Func<DbConnection, DbTransaction, Task<T>> work, bool synced, CancellationToken ct) : WriteOperation(synced)
    {
        private readonly TaskCompletionSource<T> _tcs = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T? _result;

        public Task<T> Task => _tcs.Task;

        public override bool CancelIfRequested() => ct.IsCancellationRequested && _tcs.TrySetCanceled(ct);

        public override async Task RunAsync(DbConnection connection, DbTransaction transaction) =>
            _result = await work(connection, transaction);

        public override void Succeed() => _tcs.TrySetResult(_result!);

        public override void Fail(Exception ex)
        {
            if (ex is OperationCanceledException && ct.IsCancellationRequested)
            {
                _tcs.TrySetCanceled(ct);
            }
            else
            {
                _tcs.TrySetException(ex);
            }
        }
    }
}
