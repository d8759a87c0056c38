using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace CityMatrix.Silo.Posts;

/// <summary>
/// Group commit one level up: posts that arrive together, one per request or in small batches from many connectors,
/// are taken together by <see cref="PostBatchIngestion"/> (one analysis pass on every core, one decision pass, one
/// write per chunk) instead of paying each of those per request. When idle a request's posts go at once; under load,
/// what queued while the chunks before were being decided and written goes in the next chunk, so chunks grow with
/// the load and a post's fixed costs shrink with them.
/// <para>
/// Two stages, each one loop, so posts are decided in the order they queued (a connector's batch of 10,000 keeps
/// its order, as if it had been sent alone): the taker forms a chunk and analyses it while the decider decides the
/// chunk before; the decider queues each chunk's write and goes on to the next while up to
/// <see cref="MaxChunksInFlight"/> chunks commit and finish behind it. Each post is answered only once the write
/// holding it has committed, with the receipt it would have had alone. Posts are validated before they queue, so a
/// bad one is refused at once and never delays the others.
/// </para>
/// </summary>
public sealed class PostIngestionQueue : IAsyncDisposable
{
    /// <summary>Chunks decided whose writes and grain work are not over; the decider waits for one to end before more.</summary>
    public const int MaxChunksInFlight = 4;

    private const int MaxChunk = PostBatchIngestion.ChunkSize;

    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    // One chunk analysed ahead of the decider, not more: the rest of the posts wait in the queue and join a larger chunk.
    private readonly Channel<TakenChunk> _analysed = Channel.CreateBounded<TakenChunk>(new BoundedChannelOptions(1) { SingleReader = true, SingleWriter = true });
    // A slot per chunk finishing behind the decider; at shutdown the decider takes them all, so every chunk is over.
    private readonly SemaphoreSlim _inFlight = new(MaxChunksInFlight, MaxChunksInFlight);
    private readonly PostBatchIngestion _batch;
    private readonly TimeProvider _time;
    private readonly ILogger<PostIngestionQueue> _logger;
    private readonly Lazy<Task> _loops;
    // Set once, when a stage loop failed outside its per-chunk handling: ingestion is stopped (see Stop).
    private PostIngestionStoppedException? _stopped;

    /// <summary>Test seam: runs at the top of each stage turn (<c>"take"</c>, <c>"decide"</c>), outside the per-chunk handling.</summary>
    internal Action<string>? OnStageTurn { get; set; }

    public PostIngestionQueue(PostBatchIngestion batch, TimeProvider time, ILogger<PostIngestionQueue> logger)
    {
        _batch = batch;
        _time = time;
        _logger = logger;
        _loops = new Lazy<Task>(() => Task.WhenAll(Task.Run(() => StageAsync(TakeAsync)), Task.Run(() => StageAsync(DecideAsync))),
            LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Why ingestion stopped, or null while it runs. The health check reports it.</summary>
    public Exception? Stopped => Volatile.Read(ref _stopped);

    /// <summary>Stores the post (or finds it stored) and answers its receipt; throws <see cref="PostRejectedException"/> for a bad post.</summary>
    public async Task<PostReceipt> IngestAsync(IncomingPost post, CancellationToken cancellationToken = default)
    {
        var faults = PostValidator.Validate(post, _time.GetUtcNow());
        if (faults.Count > 0) throw new PostRejectedException(faults);
        var outcome = await Enqueue(post, PostRecord.KeyOf(post.Platform!, post.PostId!)).WaitAsync(cancellationToken);
        return outcome.Receipt ?? throw new InvalidOperationException($"Post {post.Platform}:{post.PostId} got no receipt.");
    }

    /// <summary>
    /// A batch, line by line: a bad line is answered with its faults at once, a post sent twice in the batch is stored
    /// once and both lines get its answer, and every good line is answered once stored. A caller that gives up stops
    /// waiting; what was queued is still stored (and found if it is sent again).
    /// </summary>
    public async Task<IReadOnlyList<PostBatchOutcome>> IngestBatchAsync(IReadOnlyList<IncomingPost?> batch, CancellationToken cancellationToken = default)
    {
        var lines = BatchLines.Sort(batch, _time.GetUtcNow());
        var waiting = lines.Fresh.Select(line => (line.Index, Answer: Enqueue(batch[line.Index]!, line.Key))).ToList();
        foreach (var (index, answer) in waiting) lines.Outcomes[index] = await answer.WaitAsync(cancellationToken);
        return lines.AnswerRepeats();
    }

    private Task<PostBatchOutcome> Enqueue(IncomingPost post, string key)
    {
        _ = _loops.Value;
        if (Volatile.Read(ref _stopped) is { } stopped) throw stopped;
        var pending = new Pending(post, key);
        if (!_queue.Writer.TryWrite(pending)) throw Volatile.Read(ref _stopped) ?? (Exception)new ObjectDisposedException(nameof(PostIngestionQueue));
        return pending.Completion.Task;
    }

    /// <summary>
    /// Runs a stage loop; if it throws (outside its per-chunk handling, so a bug or the process failing), ingestion
    /// stops loudly instead of leaving new posts waiting for ever behind a dead loop.
    /// </summary>
    private async Task StageAsync(Func<Task> stage)
    {
        try
        {
            await stage();
        }
        catch (Exception e)
        {
            Stop(e);
        }
    }

    /// <summary>
    /// Stops ingestion: every later post is refused (<see cref="PostIngestionStoppedException"/>, 503), and every post
    /// queued or analysed but not handed to a write is answered with that failure (not stored, so not acknowledged).
    /// Chunks already handed to a write finish and are answered as usual. Either loop may call it, once or twice.
    /// </summary>
    private void Stop(Exception cause)
    {
        var stopped = cause as PostIngestionStoppedException ?? new PostIngestionStoppedException(cause);
        if (Interlocked.CompareExchange(ref _stopped, stopped, null) is null)
            _logger.LogCritical(cause, "Post ingestion stopped: a stage loop failed; posts are refused with 503 until the server restarts");
        stopped = Volatile.Read(ref _stopped)!;
        // Completing both channels ends the other loop too (the taker's write to the analysed channel throws; the
        // decider's read ends); what is left in them is answered here.
        _queue.Writer.TryComplete(stopped);
        _analysed.Writer.TryComplete(stopped);
        while (_queue.Reader.TryRead(out var queued)) queued.Completion.TrySetException(stopped);
        while (_analysed.Reader.TryRead(out var chunk)) Fail(chunk.Posts, stopped);
    }

    /// <summary>Stage one: takes what is queued (up to a chunk), the same post once, and analyses it on every core.</summary>
    private async Task TakeAsync()
    {
        try
        {
            while (await _queue.Reader.WaitToReadAsync())
            {
                OnStageTurn?.Invoke("take");
                var taken = new List<Pending>(MaxChunk);
                var byKey = new Dictionary<string, Pending>();
                var copies = new List<(Pending Copy, Pending Original)>();
                while (taken.Count < MaxChunk && _queue.Reader.TryRead(out var next))
                {
                    // The same post queued twice (two deliveries at once) is decided once; the copy gets its answer.
                    if (byKey.TryGetValue(next.Key, out var original)) copies.Add((next, original));
                    else
                    {
                        byKey.Add(next.Key, next);
                        taken.Add(next);
                    }
                }
                if (taken.Count == 0) continue;
                foreach (var (copy, original) in copies) _ = original.Completion.Task.ContinueWith(t => copy.CompleteLike(t), TaskScheduler.Default);
                AnalysedChunk? analysed = null;
                try
                {
                    analysed = _batch.Analyse([.. taken.Select(p => (IncomingPost?)p.Post)], [.. taken.Select((p, i) => (i, p.Key))]);
                }
                catch (Exception e)
                {
                    Fail(taken, e);
                }
                if (analysed is null) continue;
                try
                {
                    await _analysed.Writer.WriteAsync(new TakenChunk(taken, analysed));
                }
                catch (Exception e)
                {
                    // The decider is gone (Stop completed the channel): this chunk was never handed to a write.
                    Fail(taken, Volatile.Read(ref _stopped) ?? e);
                    throw;
                }
            }
        }
        finally
        {
            _analysed.Writer.TryComplete();
        }
    }

    /// <summary>Stage two: decides the chunks in the order they were taken; their writes and the rest finish behind it.</summary>
    private async Task DecideAsync()
    {
        await foreach (var chunk in _analysed.Reader.ReadAllAsync())
        {
            try
            {
                OnStageTurn?.Invoke("decide");
            }
            catch (Exception e)
            {
                // Taken off the channel but never handed to a write: not stored, so refused like the posts after it (Stop
                // takes this same exception as the reason).
                var stopped = new PostIngestionStoppedException(e);
                Fail(chunk.Posts, stopped);
                throw stopped;
            }
            await _inFlight.WaitAsync();
            var outcomes = new PostBatchOutcome[chunk.Posts.Count];
            Task finishing;
            try
            {
                finishing = await _batch.StartAsync(chunk.Analysed, outcomes);
            }
            catch (Exception e)
            {
                finishing = Task.FromException(e);
            }
            _ = AnswerWhenOverAsync(chunk.Posts, outcomes, finishing); // never faults; releases its slot when over
        }
        for (var i = 0; i < MaxChunksInFlight; i++) await _inFlight.WaitAsync();
    }

    private async Task AnswerWhenOverAsync(List<Pending> posts, PostBatchOutcome[] outcomes, Task finishing)
    {
        try
        {
            await finishing;
            for (var i = 0; i < posts.Count; i++)
            {
                if (outcomes[i] is { } outcome) posts[i].Completion.TrySetResult(outcome);
                else posts[i].Completion.TrySetException(new InvalidOperationException($"Post {posts[i].Key} got no receipt."));
            }
        }
        catch (Exception e)
        {
            Fail(posts, e);
        }
        finally
        {
            _inFlight.Release();
        }
    }

    private void Fail(List<Pending> posts, Exception error)
    {
        _logger.LogError(error, "Storing {Count} queued posts failed; none of them is acknowledged", posts.Count);
        foreach (var pending in posts) pending.Completion.TrySetException(error);
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        if (_loops.IsValueCreated) await _loops.Value;
    }

    private sealed record Pending(IncomingPost Post, string Key)
    {
        public TaskCompletionSource<PostBatchOutcome> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void CompleteLike(Task<PostBatchOutcome> original)
        {
            if (original.IsCompletedSuccessfully) Completion.TrySetResult(original.Result);
            else Completion.TrySetException(original.Exception?.InnerExceptions ?? [new OperationCanceledException()]);
        }
    }

    private sealed record TakenChunk(List<Pending> Posts, AnalysedChunk Analysed);
}
