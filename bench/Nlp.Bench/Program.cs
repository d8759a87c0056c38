Console.WriteLine("nlp bench");
