namespace CityMatrix.Silo.Posts;

/// <summary>
/// Ingestion stopped after a failure of its own loops (<see cref="PostIngestionQueue"/>): the post was not stored and
/// is not acknowledged. The API answers 503 and the health check reports it, so the connector retries and the process
/// is restarted; what was acknowledged before is stored.
/// </summary>
public sealed class PostIngestionStoppedException(Exception cause)
    : Exception("Ingestion has stopped after an internal failure; the post was not stored. Try again once the server has restarted.", cause);
