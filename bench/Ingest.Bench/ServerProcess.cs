using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace CityMatrix.Ingest.Bench;

/// <summary>The Release build of src/Api as a child process on a free loopback port.</summary>
public sealed class ServerProcess : IDisposable
{
    private readonly Process _process;

    private ServerProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    public long WorkingSetBytes
    {
        get
        {
            _process.Refresh();
            return _process.WorkingSet64;
        }
    }

    /// <summary>Bytes the server has passed to write calls so far (wchar of /proc/PID/io: files, WAL, temp files and
    /// sockets, whether or not they reached the disk); null where /proc is not there.</summary>
    public long? WrittenBytes
    {
        get
        {
            try
            {
                var line = File.ReadLines($"/proc/{_process.Id}/io").FirstOrDefault(l => l.StartsWith("wchar:", StringComparison.Ordinal));
                return line is null ? null : long.Parse(line["wchar:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
            }
            catch (IOException)
            {
                return null;
            }
            catch (UnauthorizedAccessException)
            {
                return null;
            }
        }
    }

    /// <summary>CPU time the server has used so far (all its threads, user + kernel).</summary>
    public TimeSpan CpuTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    /// <summary>Waits until the server has used less than <paramref name="coreShare"/> of one core over a whole
    /// <paramref name="window"/>, or until <paramref name="limit"/>; returns how long it waited.</summary>
    public async Task<TimeSpan> WaitUntilQuietAsync(TimeSpan window, double coreShare, TimeSpan limit)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (waited.Elapsed < limit)
        {
            var before = CpuTime;
            await Task.Delay(window);
            if ((CpuTime - before) / window < coreShare) break;
        }
        return waited.Elapsed;
    }

    public static async Task<ServerProcess> StartAsync(string root, IEnumerable<string> settings)
    {
        var api = Path.Combine(root, "src", "Api", "bin", "Release", "net10.0", "CityMatrix.Api.dll");
        if (!File.Exists(api)) throw new FileNotFoundException("Build first: dotnet build src/Api -c Release", api);
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = Path.GetDirectoryName(api)!, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { api, "--urls", $"http://127.0.0.1:{port}", "--Auth:DemoUsers=true", "--Logging:LogLevel:Default=Warning" }.Concat(settings))
            info.ArgumentList.Add(a);
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { } line && line.Contains("fail")) Console.Error.WriteLine(line); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new ServerProcess(process, new Uri($"http://127.0.0.1:{port}"));
        using var client = new HttpClient { BaseAddress = server.Address };
        for (var i = 0; i < 600; i++)
        {
            try
            {
                if ((await client.GetAsync("/health")).IsSuccessStatusCode) return server;
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(50);
        }
        throw new TimeoutException("server did not start");
    }

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }
}
