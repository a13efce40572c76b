import { Module } from '@nestjs/common';
import { LifecycleModule } from '../lifecycle/lifecycle.module';
import { TestClocksController } from './test-clocks.controller';
import { TestClocksRepository } from './test-clocks.repository';
import { TestWorkGate } from './test-work-gate';

/** Test clocks: time a test-mode merchant moves by hand for the customers attached to it. */
@Module({ imports: [LifecycleModule], controllers: [TestClocksController], providers: [TestClocksRepository, TestWorkGate] })
export class TestClocksModule {}
