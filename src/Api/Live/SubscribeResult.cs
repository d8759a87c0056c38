namespace CityMatrix.Api.Live;

/// <summary>
/// The answer to Subscribe(lastSeenSeq). Case events numbered after <see cref="LiveFrom"/> arrive live on this
/// connection; <see cref="Replayed"/> missed events (lastSeenSeq, LiveFrom] in the caller's scope were sent
/// before this answer, oldest first. <see cref="Complete"/> false: more were missed than one call replays;
/// call Subscribe(<see cref="ResumeFrom"/>) again, or, when <see cref="ResumeFrom"/> is null (the client is too
/// far behind), take GetSnapshot() and Subscribe(snapshot.seq).
/// </summary>
public sealed record SubscribeResult(long LiveFrom, int Replayed, bool Complete, long? ResumeFrom);
