using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/NeuroMas.Bench -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(NeuroMas.Bench.TrainingThroughput).Assembly).Run(args);
