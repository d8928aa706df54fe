using Augment.Core;
using Augment.Tests.ExprGan;

namespace Augment.Tests.Core;

public class FileLockTests
{
    [Fact]
    public void ALockHasOneHolderAtATime()
    {
        using var dir = new TempDirectory();
        var path = dir.File("sub/a.lock");
        Assert.False(FileLock.IsHeld(path));
        using (var first = FileLock.TryAcquire(path))
        {
            Assert.NotNull(first);
            Assert.Null(FileLock.TryAcquire(path));
            Assert.True(FileLock.IsHeld(path));
        }
        Assert.False(FileLock.IsHeld(path));
        using var again = FileLock.TryAcquire(path);
        Assert.NotNull(again);
    }

    [Fact]
    public async Task AcquireWaitsForTheHolderAndSaysSoOnce()
    {
        using var dir = new TempDirectory();
        var path = dir.File("b.lock");
        var held = FileLock.TryAcquire(path)!;
        int told = 0;
        var saidSo = new TaskCompletionSource();
        var waiter = Task.Run(() => FileLock.Acquire(path, () => { Interlocked.Increment(ref told); saidSo.TrySetResult(); }));
        // Released only once the waiter has found the lock held (a fixed delay raced a thread pool slow to start it).
        await saidSo.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await Task.Delay(500);   // a few more polls while still held
        Assert.False(waiter.IsCompleted);
        held.Dispose();
        using var got = await waiter.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(1, told);
    }

    [Fact]
    public void AcquireStopsWhenCancelled()
    {
        using var dir = new TempDirectory();
        var path = dir.File("c.lock");
        using var held = FileLock.TryAcquire(path)!;
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        Assert.ThrowsAny<OperationCanceledException>(() => FileLock.Acquire(path, cancellation: cancel.Token));
    }
}
