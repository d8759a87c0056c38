namespace CityMatrix.Silo;

/// <summary>Set once storage is migrated and the directory loaded; /health answers 200 only then.</summary>
public sealed class SiloReadiness
{
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool IsReady => _ready.Task.IsCompleted;

    public Task WhenReady => _ready.Task;

    public void MarkReady() => _ready.TrySetResult();
}
