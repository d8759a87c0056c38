namespace CityMatrix.Silo; public static class SiloAssembly { }
