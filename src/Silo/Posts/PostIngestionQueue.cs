using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace CityMatrix.Silo.Posts;

/// <summary>
/// Group commit one level up, for posts sent one per request: posts arriving together are taken together by
/// <see cref="PostBatchIngestion"/> (one decision pass, one write per chunk) instead of one write each. When idle a
/// post goes alone at once; under load, what queued while the previous chunks were being stored goes in the next.
/// Each post is answered only once the write holding it has committed, with the receipt it would have had alone.
/// A post is validated before it queues, so a bad one is refused at once and never delays the others.
/// </summary>
public sealed class PostIngestionQueue : IAsyncDisposable
{
    private const int MaxChunk = PostBatchIngestion.ChunkSize;

    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>();
    private readonly PostBatchIngestion _batch;
    private readonly TimeProvider _time;
    private readonly ILogger<PostIngestionQueue> _logger;
    private readonly Lazy<Task> _loops;

    public PostIngestionQueue(PostBatchIngestion batch, TimeProvider time, ILogger<PostIngestionQueue> logger)
    {
        _batch = batch;
        _time = time;
        _logger = logger;
        // Several takers: while one chunk waits for its commit, the next is analysed; a lone taker would leave the
        // cores idle during every commit. One per core, not more: more takers split the queue into smaller chunks, and a
        // chunk's fixed costs (its lookups and decision queries) then weigh on every post (docs/PERFORMANCE.md).
        _loops = new Lazy<Task>(() => Task.WhenAll(Enumerable.Range(0, Math.Max(2, Environment.ProcessorCount)).Select(_ => Task.Run(RunAsync))),
            LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Stores the post (or finds it stored) and answers its receipt; throws <see cref="PostRejectedException"/> for a bad post.</summary>
    public Task<PostReceipt> IngestAsync(IncomingPost post, CancellationToken cancellationToken = default)
    {
        var faults = PostValidator.Validate(post, _time.GetUtcNow());
        if (faults.Count > 0) throw new PostRejectedException(faults);
        _ = _loops.Value;
        var pending = new Pending(post);
        if (!_queue.Writer.TryWrite(pending)) throw new ObjectDisposedException(nameof(PostIngestionQueue));
        // A caller that gives up stops waiting; the post is still stored (and found if it is sent again).
        return pending.Completion.Task.WaitAsync(cancellationToken);
    }

    private async Task RunAsync()
    {
        var chunk = new List<Pending>(MaxChunk);
        while (await _queue.Reader.WaitToReadAsync())
        {
            chunk.Clear();
            while (chunk.Count < MaxChunk && _queue.Reader.TryRead(out var next)) chunk.Add(next);
            if (chunk.Count == 0) continue;
            try
            {
                var outcomes = await _batch.IngestAsync(chunk.Select(p => (IncomingPost?)p.Post).ToList());
                for (var i = 0; i < chunk.Count; i++)
                {
                    if (outcomes[i].Receipt is { } receipt) chunk[i].Completion.TrySetResult(receipt);
                    else chunk[i].Completion.TrySetException(PostValidator.Validate(chunk[i].Post, _time.GetUtcNow()) is { Count: > 0 } faults
                        ? new PostRejectedException(faults)
                        : new InvalidOperationException($"Post {chunk[i].Post.Platform}:{chunk[i].Post.PostId} got no receipt."));
                }
            }
            catch (Exception e)
            {
                _logger.LogError(e, "Storing {Count} queued posts failed; none of them is acknowledged", chunk.Count);
                foreach (var pending in chunk) pending.Completion.TrySetException(e);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        if (_loops.IsValueCreated) await _loops.Value;
    }

    private sealed record Pending(IncomingPost Post)
    {
        public TaskCompletionSource<PostReceipt> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
