namespace CityMatrix.Nlp; public static class NlpAssembly { }
