import { Module } from '@nestjs/common';
import { EventStreamController } from './event-stream.controller';
import { EventStreams } from './event-streams';
import { EventsController } from './events.controller';
import { EventsRepository } from './events.repository';

/** What happened: the events list, one event, redelivery, and the live stream (`stream` is routed before `:id`). */
@Module({ controllers: [EventStreamController, EventsController], providers: [EventsRepository, EventStreams] })
export class EventsModule {}
