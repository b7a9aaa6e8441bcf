using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/NeuroMas.Bench -- --filter '*'
// Properties/launchSettings.json sets DOTNET_MaxVectorTBitWidth=512, as the `neuromas` launcher does: the vectorised
// passes run at the width the CLI runs them.
Console.WriteLine($"Vector<float>: {System.Numerics.Vector<float>.Count} lanes (DOTNET_MaxVectorTBitWidth={Environment.GetEnvironmentVariable("DOTNET_MaxVectorTBitWidth") ?? "unset"})");
BenchmarkSwitcher.FromAssembly(typeof(NeuroMas.Bench.TrainingThroughput).Assembly).Run(args);
