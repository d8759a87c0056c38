using System.Collections;

namespace CityMatrix.Api.Alerts;

/// <summary>
/// The connection ids of one push, as the list SignalR asks for. The default hub lifetime manager walks
/// every connection and asks the list whether it Contains that id (Enumerable.Contains, which uses
/// ICollection.Contains when offered): a HashSet behind the list makes that O(1) instead of O(n),
/// i.e. one pass over 20,000 connections instead of 400 million string comparisons. The message is
/// serialised once per push either way.
/// </summary>
internal sealed class ConnectionIdSet(IReadOnlyList<string> ids) : IReadOnlyList<string>, ICollection<string>
{
    private readonly HashSet<string> _set = new(ids, StringComparer.Ordinal);

    public string this[int index] => ids[index];

    public int Count => ids.Count;

    public bool IsReadOnly => true;

    public bool Contains(string item) => _set.Contains(item);

    public void CopyTo(string[] array, int arrayIndex)
    {
        for (var i = 0; i < ids.Count; i++) array[arrayIndex + i] = ids[i];
    }

    public IEnumerator<string> GetEnumerator() => ids.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public void Add(string item) => throw new NotSupportedException();

    public void Clear() => throw new NotSupportedException();

    public bool Remove(string item) => throw new NotSupportedException();
}
