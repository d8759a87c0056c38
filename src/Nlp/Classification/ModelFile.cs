using System.IO.Compression;
using System.Text;
using System.Text.Json;

namespace CityMatrix.Nlp.Classification;

/// <summary>
/// Model file format (version 1): the 8 bytes "CMTXTCL1", then a Brotli stream holding
/// a length-prefixed UTF-8 JSON header (labels, feature options, lexicon, metadata), the biases
/// and the weights as IEEE half floats, class by class. Hashing means no vocabulary is stored;
/// unused buckets are zeros, which the compression absorbs.
/// </summary>
public static class ModelFile
{
    private static readonly byte[] Magic = "CMTXTCL1"u8.ToArray();

    private sealed record Header(string[] Labels, FeatureOptions Features, Dictionary<string, string> Lexicon, Dictionary<string, string> Metadata);

    public static void Save(TextClassifier classifier, string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        using var file = File.Create(path);
        Save(classifier, file);
    }

    public static void Save(TextClassifier classifier, Stream stream)
    {
        stream.Write(Magic);
        using var brotli = new BrotliStream(stream, CompressionLevel.SmallestSize, leaveOpen: true);
        using var w = new BinaryWriter(brotli, Encoding.UTF8, leaveOpen: true);
        var header = new Header(classifier.Labels.ToArray(), classifier.Features.Options,
            classifier.Features.Lexicon.Entries.ToDictionary(), classifier.Metadata.ToDictionary());
        var json = JsonSerializer.SerializeToUtf8Bytes(header);
        w.Write(json.Length);
        w.Write(json);
        foreach (var b in classifier.Model.Bias) w.Write(b);
        var weights = classifier.Model.ClassMajorWeights();
        var buffer = new byte[weights.Length * 2];
        for (int i = 0; i < weights.Length; i++)
            BitConverter.TryWriteBytes(buffer.AsSpan(i * 2), (Half)weights[i]);
        w.Write(buffer);
        // Version 1 files end here; models with a corpus IDF (FeatureOptions.NeedsCorpusIdf) append it, one half float per bucket.
        if (classifier.Features.BucketIdf is { } idf)
        {
            var idfBytes = new byte[idf.Length * 2];
            for (int i = 0; i < idf.Length; i++) BitConverter.TryWriteBytes(idfBytes.AsSpan(i * 2), (Half)idf[i]);
            w.Write(idfBytes);
        }
    }

    public static TextClassifier Load(string path, ITokenizer? wordTokenizer = null)
    {
        using var file = File.OpenRead(path);
        return Load(file, wordTokenizer);
    }

    /// <exception cref="InvalidDataException">not a model file, or truncated.</exception>
    public static TextClassifier Load(Stream stream, ITokenizer? wordTokenizer = null)
    {
        var magic = new byte[Magic.Length];
        if (stream.ReadAtLeast(magic, magic.Length, throwOnEndOfStream: false) != magic.Length || !magic.AsSpan().SequenceEqual(Magic))
            throw new InvalidDataException("not a CityMatrix text-classifier model file (bad magic)");
        try
        {
            using var brotli = new BrotliStream(stream, CompressionMode.Decompress, leaveOpen: true);
            using var r = new BinaryReader(brotli, Encoding.UTF8, leaveOpen: true);
            int jsonLength = r.ReadInt32();
            if (jsonLength is <= 0 or > 64 * 1024 * 1024) throw new InvalidDataException("bad header length");
            var header = JsonSerializer.Deserialize<Header>(r.ReadBytes(jsonLength))
                         ?? throw new InvalidDataException("empty header");
            int k = header.Labels.Length, dim = header.Features.Dimension;
            var bias = new float[k];
            for (int i = 0; i < k; i++) bias[i] = r.ReadSingle();
            var bytes = new byte[k * dim * 2];
            brotli.ReadExactly(bytes);
            // The file is class-major; the model keeps weights feature-major (see LinearModel).
            var weights = new float[k * dim];
            for (int c = 0; c < k; c++)
                for (int f = 0; f < dim; f++) weights[f * k + c] = (float)BitConverter.ToHalf(bytes, (c * dim + f) * 2);
            float[]? idf = null;
            if (header.Features.NeedsCorpusIdf)
            {
                var idfBytes = new byte[dim * 2];
                brotli.ReadExactly(idfBytes);
                idf = new float[dim];
                for (int f = 0; f < dim; f++) idf[f] = (float)BitConverter.ToHalf(idfBytes, f * 2);
            }
            var lexicon = PhraseLexicon.Shared(header.Lexicon);
            return new TextClassifier(new FeatureExtractor(header.Features, lexicon, wordTokenizer, idf),
                LinearModel.FromFeatureMajor(header.Labels, dim, weights, bias), header.Metadata);
        }
        catch (Exception e) when (e is EndOfStreamException or JsonException or IOException && e is not InvalidDataException)
        {
            throw new InvalidDataException("corrupt or truncated model file: " + e.Message, e);
        }
    }

    /// <summary>Loads a model embedded in this assembly under Models/ (logical name "CityMatrix.Nlp.Models.{fileName}").</summary>
    public static TextClassifier LoadEmbedded(string fileName, ITokenizer? wordTokenizer = null)
    {
        var asm = typeof(ModelFile).Assembly;
        string name = "CityMatrix.Nlp.Models." + fileName;
        using var s = asm.GetManifestResourceStream(name)
                      ?? throw new InvalidOperationException($"embedded model '{name}' is missing: run the matching train-* command and rebuild");
        return Load(s, wordTokenizer);
    }
}
